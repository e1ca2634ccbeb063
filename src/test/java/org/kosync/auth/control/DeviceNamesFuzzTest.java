package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.testing.FuzzedJson;

/**
 * The body of {@code POST /api/devices}: a name within the rules, stored as it is, or 403 / 2003 —
 * and a name never makes a login that could be mistaken for an account's.
 */
class DeviceNamesFuzzTest {

  @FuzzTest
  @DictionaryEntries({"name", ":", "\\u0000", "\\ud800"})
  void names(FuzzedDataProvider data) {
    var body = new FuzzedJson(data, List.of("name")).object();
    try {
      var name = DeviceNames.parse(body);
      assertFalse(name.isEmpty());
      assertTrue(name.length() <= DeviceKey.NAME_MAX_LENGTH, name);
      assertEquals(name.strip(), name);
      assertTrue(name.codePoints().noneMatch(Character::isISOControl), name);
      assertEquals(name, new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    } catch (SyncException e) {
      assertEquals(SyncError.INVALID_REQUEST, e.error());
    }
  }
}
