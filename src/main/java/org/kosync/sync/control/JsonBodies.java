package org.kosync.sync.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Request bodies: at most 64 KiB (refused from Content-Length before reading, or after reading
 * one byte too many), strictly UTF-8, and a JSON object — each failure with KOReader's code.
 */
public final class JsonBodies {

  public static final int MAX_BYTES = 64 * 1024;
  private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

  private JsonBodies() {}

  public static JsonObject readObject(String contentLength, InputStream body) {
    if (declaredTooLong(contentLength)) {
      throw tooLarge();
    }
    return parseObject(readBounded(body));
  }

  private static JsonObject parseObject(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SyncException(SyncError.MALFORMED_JSON, "The body is not valid UTF-8.");
    }
    try (var parser = PARSERS.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw new SyncException(SyncError.MALFORMED_JSON);
      }
      parser.next();
      var value = parser.getValue();
      if (parser.hasNext()) {
        throw new SyncException(SyncError.MALFORMED_JSON, "Unexpected content after the JSON value.");
      }
      if (!(value instanceof JsonObject object)) {
        throw new SyncException(SyncError.NOT_A_JSON_OBJECT);
      }
      return object;
    } catch (JsonException | IllegalStateException e) {
      throw new SyncException(SyncError.MALFORMED_JSON);
    }
  }

  private static boolean declaredTooLong(String contentLength) {
    if (contentLength == null) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.trim()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false; // the server itself rejects a malformed length; the bounded read still applies
    }
  }

  private static byte[] readBounded(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      var bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the request body", e);
    }
  }

  private static SyncException tooLarge() {
    return new SyncException(SyncError.INVALID_REQUEST, "The body is larger than " + MAX_BYTES + " bytes.");
  }
}
