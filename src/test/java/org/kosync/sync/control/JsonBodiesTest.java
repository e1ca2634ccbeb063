package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class JsonBodiesTest {

  static SyncError errorOf(String contentLength, byte[] body) {
    return assertThrows(
            SyncException.class,
            () -> JsonBodies.readObject(contentLength, new ByteArrayInputStream(body)))
        .error();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsAnObject() {
    assertEquals(
        "x",
        JsonBodies.readObject(null, new ByteArrayInputStream(utf8("{\"a\":\"x\"}")))
            .getString("a"));
  }

  @Test
  void malformedEmptyAndTrailingGarbageAre103() {
    assertEquals(SyncError.MALFORMED_JSON, errorOf(null, utf8("{\"a\":")));
    assertEquals(SyncError.MALFORMED_JSON, errorOf(null, utf8("")));
    assertEquals(SyncError.MALFORMED_JSON, errorOf(null, utf8("{} {}")));
    assertEquals(
        SyncError.MALFORMED_JSON,
        errorOf(null, "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void nonObjectsAre104() {
    assertEquals(SyncError.NOT_A_JSON_OBJECT, errorOf(null, utf8("[]")));
    assertEquals(SyncError.NOT_A_JSON_OBJECT, errorOf(null, utf8("\"text\"")));
    assertEquals(SyncError.NOT_A_JSON_OBJECT, errorOf(null, utf8("null")));
  }

  @Test
  void bodiesOver64KiBAreRefusedByLengthOrByReading() {
    assertEquals(SyncError.INVALID_REQUEST, errorOf("65537", utf8("{}")));
    var big = utf8("{\"a\":\"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}");
    assertEquals(SyncError.INVALID_REQUEST, errorOf(null, big));
    var exact = utf8("{\"a\":\"" + "x".repeat(JsonBodies.MAX_BYTES - 8) + "\"}");
    assertEquals(JsonBodies.MAX_BYTES, exact.length);
    assertEquals(
        JsonBodies.MAX_BYTES - 8,
        JsonBodies.readObject(Integer.toString(exact.length), new ByteArrayInputStream(exact))
            .getString("a")
            .length());
  }

  /** Valid JSON that no KOReader sends, refused as a permanent mistake (403 / 2003), never a retryable 502. */
  @Test
  void deepNestingAndOutlandishNumbersAreInvalidRequests() {
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(null, utf8("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(null, utf8("{\"a\":" + "{\"b\":".repeat(1_000) + "1" + "}".repeat(1_000) + "}")));
    assertEquals(SyncError.INVALID_REQUEST, errorOf(null, utf8("{\"percentage\":1e9999999999}")));
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(null, utf8("{\"percentage\":" + "1".repeat(1_500) + "}")));
    var nested = "{\"a\":" + "[".repeat(JsonBodies.MAX_DEPTH - 1)
        + "]".repeat(JsonBodies.MAX_DEPTH - 1) + "}";
    assertEquals(
        1, JsonBodies.readObject(null, new ByteArrayInputStream(utf8(nested))).size());
    assertEquals(
        SyncError.INVALID_REQUEST,
        errorOf(
            null,
            utf8("{\"a\":" + "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH)
                + "}")));
  }
}
