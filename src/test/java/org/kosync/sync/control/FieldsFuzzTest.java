package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.kosync.auth.entity.Account;
import org.kosync.documents.control.DocumentIds;
import org.kosync.documents.control.Titles;
import org.kosync.documents.entity.ReadingProgress;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.testing.FuzzedJson;

/**
 * The field rules over any JSON object: a value is accepted within its limits or refused with
 * 403 / 2003 (2004 for a missing document), and whatever is accepted can be stored as it is —
 * PostgreSQL keeps text as UTF-8, so it must survive the trip (no NUL, no unpaired surrogate).
 */
class FieldsFuzzTest {

  static final List<String> NAMES = List.of(
      "username",
      "password",
      "document",
      "progress",
      "percentage",
      "device",
      "device_id",
      "metadata",
      "title");
  static final EnumSet<SyncError> DOCUMENTED =
      EnumSet.of(SyncError.INVALID_REQUEST, SyncError.DOCUMENT_MISSING);

  @FuzzTest
  @DictionaryEntries({"username", "password", "document", "progress", "percentage", "device_id"})
  void fields(FuzzedDataProvider data) {
    var body = new FuzzedJson(data, NAMES).object();
    try {
      switch (data.consumeInt(0, 2)) {
        case 0 -> {
          var name = Fields.username(body);
          assertStorable(name, Account.USERNAME_MAX_LENGTH);
          assertTrue(name.indexOf(':') < 0 && name.strip().equals(name), name);
          assertTrue(name.chars().noneMatch(Character::isISOControl), name);
        }
        case 1 -> {
          var key = Fields.key(body, "password");
          assertStorable(key, Fields.KEY_MAX_LENGTH);
          assertTrue(key.chars().noneMatch(Character::isISOControl), key);
        }
        default -> {
          var update = Fields.progressUpdate(body);
          assertTrue(DocumentIds.isValid(update.document()), update.document());
          assertTrue(Double.isFinite(update.percentage()));
          assertStorable(update.progress(), ReadingProgress.PROGRESS_MAX_LENGTH);
          assertStorable(update.device(), ReadingProgress.DEVICE_MAX_LENGTH);
          update
              .deviceId()
              .ifPresent(id -> assertStorable(id, ReadingProgress.DEVICE_ID_MAX_LENGTH));
          update.metadata().ifPresent(m -> assertStorable(m, ReadingProgress.METADATA_MAX_LENGTH));
          Titles.fromMetadata(update.metadata())
              .ifPresent(t -> assertStorable(t, ReadingProgress.PRETTY_NAME_MAX_LENGTH));
        }
      }
    } catch (SyncException e) {
      assertTrue(DOCUMENTED.contains(e.error()), () -> "undocumented " + e.error());
    }
  }

  static void assertStorable(String text, int maxLength) {
    assertTrue(!text.isEmpty() && text.length() <= maxLength, text);
    assertTrue(text.indexOf('\u0000') < 0, "NUL");
    assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }
}
