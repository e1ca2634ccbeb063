package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class DeviceNamesTest {

  static String parse(String json) {
    return DeviceNames.parse(Json.createReader(new StringReader(json)).readObject());
  }

  @Test
  void aNameIsStripped() {
    assertEquals("Kobo Libra 2", parse("{\"name\":\"  Kobo Libra 2 \"}"));
    assertEquals("Lesegerät ✓", parse("{\"name\":\"Lesegerät ✓\"}"));
    assertEquals("k".repeat(100), parse("{\"name\":\"" + "k".repeat(100) + "\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"name\":null}",
        "{\"name\":1}",
        "{\"name\":[\"a\"]}",
        "{\"name\":\"\"}",
        "{\"name\":\"  \"}",
        "{\"name\":\"a\\nb\"}",
        "{\"name\":\"\\ud800\"}"
      })
  void anythingElseIsAnInvalidRequest(String json) {
    var refused = assertThrows(SyncException.class, () -> parse(json));
    assertEquals(SyncError.INVALID_REQUEST, refused.error());
  }

  @Test
  void aNameOfMoreThanAHundredCharactersIsRefused() {
    var refused =
        assertThrows(SyncException.class, () -> parse("{\"name\":\"" + "k".repeat(101) + "\"}"));
    assertEquals(SyncError.INVALID_REQUEST, refused.error());
  }
}
