package org.kosync.documents.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/** The title KOReader sent in a push's {@code metadata}, the default name of a document. */
public final class Titles {

  private static final jakarta.json.JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

  private Titles() {}

  public static Optional<String> fromMetadata(Optional<String> metadata) {
    return metadata.flatMap(Titles::title);
  }

  private static Optional<String> title(String metadata) {
    try (var reader = READERS.createReader(new StringReader(metadata))) {
      if (reader.readValue() instanceof JsonObject object && object.get("title") instanceof JsonString title) {
        var text = title.getString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      }
      return Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }
}
