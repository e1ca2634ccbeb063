package org.kosync.sync.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
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
import java.util.NoSuchElementException;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Request bodies: at most 64 KiB (refused from Content-Length before reading, or after reading
 * one byte too many), strictly UTF-8, and a JSON object — each failure with KOReader's code.
 * Valid JSON that no client sends (nested deeper than {@link #MAX_DEPTH}, numbers out of range) is
 * 403 / 2003: a permanent mistake, which KOReader must not retry.
 */
public final class JsonBodies {

  public static final int MAX_BYTES = 64 * 1024;
  /** Deeper than any KOReader body; a parser must never recurse without bound on a stranger's input. */
  public static final int MAX_DEPTH = 32;
  // a double has 17 significant digits; a longer number is no position or percentage
  static final int MAX_NUMBER_CHARS = 64;
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

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
      text = StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SyncException(SyncError.MALFORMED_JSON, "The body is not valid UTF-8.");
    }
    return parseObject(text);
  }

  /**
   * Text already decoded (a WebSocket frame): one JSON object within the same bounds, or the same
   * errors. One streaming pass builds it and holds the bounds as it goes, so nothing deeper than
   * {@link #MAX_DEPTH} is ever descended into and no number is converted before its length is known.
   */
  public static JsonObject parseObject(String text) {
    try (var parser = PARSERS.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw new SyncException(SyncError.MALFORMED_JSON);
      }
      var value = value(parser, parser.next(), 1);
      if (parser.hasNext()) {
        throw new SyncException(
            SyncError.MALFORMED_JSON, "Unexpected content after the JSON value.");
      }
      if (!(value instanceof JsonObject object)) {
        throw new SyncException(SyncError.NOT_A_JSON_OBJECT);
      }
      return object;
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      throw new SyncException(SyncError.MALFORMED_JSON);
    }
  }

  /** The value that starts with {@code event}, at nesting level {@code depth} (the body is level 1). */
  private static JsonValue value(JsonParser parser, Event event, int depth) {
    return switch (event) {
      case START_OBJECT -> {
        withinDepth(depth);
        var object = JSON.createObjectBuilder();
        for (var next = parser.next(); next != Event.END_OBJECT; next = parser.next()) {
          var key = parser.getString();
          object.add(key, value(parser, parser.next(), depth + 1));
        }
        yield object.build();
      }
      case START_ARRAY -> {
        withinDepth(depth);
        var array = JSON.createArrayBuilder();
        for (var next = parser.next(); next != Event.END_ARRAY; next = parser.next()) {
          array.add(value(parser, next, depth + 1));
        }
        yield array.build();
      }
      case VALUE_STRING -> JSON.createValue(parser.getString());
      case VALUE_NUMBER -> number(parser);
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      default -> throw new SyncException(SyncError.MALFORMED_JSON);
    };
  }

  private static void withinDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new SyncException(
          SyncError.INVALID_REQUEST, "JSON nested deeper than " + MAX_DEPTH + " levels.");
    }
  }

  private static JsonValue number(JsonParser parser) {
    if (parser.getString().length() > MAX_NUMBER_CHARS) {
      throw new SyncException(
          SyncError.INVALID_REQUEST,
          "A number is longer than " + MAX_NUMBER_CHARS + " characters.");
    }
    try {
      return JSON.createValue(parser.getBigDecimal());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new SyncException(SyncError.INVALID_REQUEST, "A number is out of range.");
    }
  }

  /** Whether a Content-Length already says the body is too large, so it need not be read. */
  public static boolean declaredTooLong(String contentLength) {
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
    return new SyncException(
        SyncError.INVALID_REQUEST, "The body is larger than " + MAX_BYTES + " bytes.");
  }
}
