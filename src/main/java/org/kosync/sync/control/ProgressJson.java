package org.kosync.sync.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import org.kosync.documents.entity.ProgressState;

/** The protocol's response shapes for progress, in one place. */
public final class ProgressJson {

  private static final JsonProvider JSON = JsonProvider.provider();
  public static final JsonObject NONE = JSON.createObjectBuilder().build();

  private ProgressJson() {}

  public static JsonObject receipt(String document, Instant recordedAt) {
    return JSON.createObjectBuilder()
        .add("document", document)
        .add("timestamp", recordedAt.getEpochSecond())
        .build();
  }

  /** Only stored fields appear: no device_id key for a push that had none. */
  public static JsonObject of(ProgressState state) {
    var json = JSON.createObjectBuilder()
        .add("document", state.document())
        .add("percentage", state.percentage())
        .add("progress", state.progress())
        .add("device", state.device());
    state.deviceId().ifPresent(id -> json.add("device_id", id));
    return json.add("timestamp", state.updatedAt().getEpochSecond()).build();
  }
}
