package org.kosync.documents.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.kosync.documents.entity.ReadingProgress;

/** The title KOReader sent in a push's {@code metadata}, cleaned: the default name of a document. */
public final class Titles {

  private static final jakarta.json.JsonReaderFactory READERS =
      JsonProvider.provider().createReaderFactory(Map.of());

  private Titles() {}

  public static Optional<String> fromMetadata(Optional<String> metadata) {
    return metadata.flatMap(Titles::title);
  }

  /** As a chosen name must be: no control characters (each becomes a space), trimmed, at most 256 characters. */
  static String clean(String title) {
    var text = new StringBuilder(title.length());
    title.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    var stripped = text.toString().strip();
    if (stripped.length() <= ReadingProgress.PRETTY_NAME_MAX_LENGTH) {
      return stripped;
    }
    var end = ReadingProgress.PRETTY_NAME_MAX_LENGTH;
    return stripped
        .substring(0, Character.isLowSurrogate(stripped.charAt(end)) ? end - 1 : end)
        .strip();
  }

  private static Optional<String> title(String metadata) {
    try (var reader = READERS.createReader(new StringReader(metadata))) {
      if (reader.readValue() instanceof JsonObject object
          && object.get("title") instanceof JsonString title) {
        var text = clean(title.getString());
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      }
      return Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }
}
