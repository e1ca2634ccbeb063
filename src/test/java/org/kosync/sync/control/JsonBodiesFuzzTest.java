package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Every request body and WebSocket frame goes through {@link JsonBodies}: whatever the bytes and
 * the declared length, the answer is a JSON object or a {@link SyncException} with one of the
 * body's codes (103, 104, 2003) — never another exception, never a stack overflow.
 */
class JsonBodiesFuzzTest {

  static final JsonProvider JSON = JsonProvider.provider();

  static final EnumSet<SyncError> DOCUMENTED =
      EnumSet.of(SyncError.MALFORMED_JSON, SyncError.NOT_A_JSON_OBJECT, SyncError.INVALID_REQUEST);

  @FuzzTest
  @DictionaryEntries({
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "true",
    "false",
    "null",
    "-0.0e-7",
    "1e999999999",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "\"document\":",
    "\"percentage\":",
    "\"progress\":",
    "[[[[[[[[[[[[[[[[",
    "{\"a\":{\"a\":{\"a\":{\"a\":"
  })
  void bodies(FuzzedDataProvider data) {
    var contentLength = data.consumeBoolean() ? null : data.consumeString(24);
    var bytes = data.consumeRemainingAsBytes();
    try {
      var object = JsonBodies.readObject(contentLength, new ByteArrayInputStream(bytes));
      // whatever we accept, a plain JSON-P reader reads as the same object
      var text = new String(bytes, StandardCharsets.UTF_8);
      assertEquals(JSON.createReader(new StringReader(text)).readObject(), object);
      assertTrue(bytes.length <= JsonBodies.MAX_BYTES);
    } catch (SyncException e) {
      assertTrue(DOCUMENTED.contains(e.error()), () -> "undocumented " + e.error());
    }
  }
}
