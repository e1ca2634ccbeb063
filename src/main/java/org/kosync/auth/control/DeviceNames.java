package org.kosync.auth.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** The {@code name} of a new device key: what the person calls the e-reader, e.g. "Kobo Libra". */
public final class DeviceNames {

  private DeviceNames() {}

  public static String parse(JsonObject body) {
    if (!(body.get("name") instanceof JsonString string)) {
      throw invalid("'name' must be a string, e.g. {\"name\":\"Kobo Libra\"}.");
    }
    var name = string.getString().strip();
    if (name.isEmpty()) {
      throw invalid("'name' must not be empty.");
    }
    // UTF-16 units, never more than the characters the column holds
    if (name.length() > DeviceKey.NAME_MAX_LENGTH) {
      throw invalid("'name' must be at most " + DeviceKey.NAME_MAX_LENGTH + " characters.");
    }
    if (name.codePoints()
        .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
      throw invalid("'name' must not contain control characters.");
    }
    return name;
  }

  private static SyncException invalid(String detail) {
    return new SyncException(SyncError.INVALID_REQUEST, detail);
  }
}
