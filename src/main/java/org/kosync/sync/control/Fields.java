package org.kosync.sync.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.kosync.auth.entity.Account;
import org.kosync.documents.control.DocumentIds;
import org.kosync.documents.entity.ProgressUpdate;
import org.kosync.documents.entity.ReadingProgress;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Validation of every field KOReader sends, with the limits the schema enforces. A field that
 * breaks a rule is 403/2003 (or 2004 for a missing document), and nothing is stored.
 */
public final class Fields {

  public static final int KEY_MAX_LENGTH = 128;

  private Fields() {}

  /** A username must survive the trip through an HTTP header: no controls, no edge spaces, no ':'. */
  public static String username(JsonObject body) {
    var name = text(body, "username", Account.USERNAME_MAX_LENGTH);
    if (name.indexOf(':') >= 0) {
      throw invalid("'username' must not contain ':'.");
    }
    return headerSafe(name, "username");
  }

  public static String key(JsonObject body, String field) {
    return headerSafe(text(body, field, KEY_MAX_LENGTH), field);
  }

  public static ProgressUpdate progressUpdate(JsonObject body) {
    var document = document(body);
    var percentage = percentage(body);
    var progress = text(body, "progress", ReadingProgress.PROGRESS_MAX_LENGTH);
    var device = text(body, "device", ReadingProgress.DEVICE_MAX_LENGTH);
    var deviceId = optionalText(body, "device_id", ReadingProgress.DEVICE_ID_MAX_LENGTH);
    return new ProgressUpdate(document, progress, percentage, device, deviceId, metadata(body));
  }

  private static String document(JsonObject body) {
    var value = body.get("document");
    if (value == null
        || value == JsonValue.NULL
        || value instanceof JsonString s && s.getString().isEmpty()) {
      throw new SyncException(SyncError.DOCUMENT_MISSING);
    }
    if (!(value instanceof JsonString string)) {
      throw invalid("'document' must be a string.");
    }
    if (!DocumentIds.isValid(string.getString())) {
      throw invalid("'document' must be 1 to " + ReadingProgress.DOCUMENT_MAX_LENGTH
          + " characters of A-Z a-z 0-9 . _ ~ - (and not '.' or '..').");
    }
    return string.getString();
  }

  private static double percentage(JsonObject body) {
    if (!(body.get("percentage") instanceof JsonNumber number)) {
      throw invalid("'percentage' must be a number.");
    }
    var value = number.doubleValue();
    if (!Double.isFinite(value)) {
      throw invalid("'percentage' is out of range.");
    }
    return value;
  }

  private static Optional<String> metadata(JsonObject body) {
    var value = body.get("metadata");
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    var json = value.toString();
    // cannot happen within the 64 KiB body limit; never reject a push for its metadata
    return json.length() <= ReadingProgress.METADATA_MAX_LENGTH
        ? Optional.of(json)
        : Optional.empty();
  }

  private static String text(JsonObject body, String field, int maxLength) {
    if (!(body.get(field) instanceof JsonString string)) {
      throw invalid("'" + field + "' must be a string.");
    }
    var text = string.getString();
    if (text.isEmpty()) {
      throw invalid("'" + field + "' must not be empty.");
    }
    if (text.length() > maxLength) {
      throw invalid("'" + field + "' must be at most " + maxLength + " characters.");
    }
    if (text.indexOf('\u0000') >= 0) {
      throw invalid("'" + field + "' must not contain NUL characters.");
    }
    if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
      throw invalid("'" + field + "' must be valid Unicode (it has an unpaired surrogate).");
    }
    return text;
  }

  private static Optional<String> optionalText(JsonObject body, String field, int maxLength) {
    var value = body.get(field);
    return value == null || value == JsonValue.NULL
        ? Optional.empty()
        : Optional.of(text(body, field, maxLength));
  }

  private static String headerSafe(String text, String field) {
    if (!text.strip().equals(text)) {
      throw invalid("'" + field + "' must not start or end with spaces.");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw invalid("'" + field + "' must not contain control characters.");
    }
    return text;
  }

  private static SyncException invalid(String detail) {
    return new SyncException(SyncError.INVALID_REQUEST, detail);
  }
}
