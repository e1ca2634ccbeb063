package org.kosync.documents.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.kosync.documents.entity.DocumentRenamed;
import org.kosync.documents.entity.ReadingProgress;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Reads a document object sent to {@code documents.update}: {@code id} or {@code document} names
 * it, {@code pretty_name} is what changes (trimmed, at most 256 characters, no control
 * characters; {@code ""} or {@code null} clears it). Everything else in the object is ignored:
 * progress only ever comes from a device's push.
 */
public final class DocumentEdits {

  private DocumentEdits() {}

  public static DocumentRenamed parse(JsonObject body) {
    var id = text(body, "id");
    var document = text(body, "document");
    if (id == null && document == null) {
      throw new SyncException(SyncError.DOCUMENT_MISSING);
    }
    if (id != null && document != null && !id.equals(document)) {
      throw invalid("'id' and 'document' name different documents.");
    }
    var name = id != null ? id : document;
    if (!DocumentIds.isValid(name)) {
      throw invalid("not a document id.");
    }
    return new DocumentRenamed(name, prettyName(body));
  }

  private static String prettyName(JsonObject body) {
    if (!body.containsKey("pretty_name")) {
      throw invalid("'pretty_name' is the field that can be changed, and it is missing.");
    }
    var value = body.get("pretty_name");
    if (value == JsonValue.NULL) {
      return "";
    }
    if (!(value instanceof JsonString string)) {
      throw invalid("'pretty_name' must be a string.");
    }
    var name = string.getString().strip();
    if (name.length() > ReadingProgress.PRETTY_NAME_MAX_LENGTH) {
      throw invalid("'pretty_name' must be at most " + ReadingProgress.PRETTY_NAME_MAX_LENGTH
          + " characters.");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw invalid("'pretty_name' must not contain control characters.");
    }
    return name;
  }

  private static String text(JsonObject body, String field) {
    var value = body.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string) || string.getString().isEmpty()) {
      throw invalid("'" + field + "' must be a non-empty string.");
    }
    return string.getString();
  }

  private static SyncException invalid(String detail) {
    return new SyncException(SyncError.INVALID_REQUEST, detail);
  }
}
