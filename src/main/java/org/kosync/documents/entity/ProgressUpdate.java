package org.kosync.documents.entity;

import java.util.Objects;
import java.util.Optional;

/** A reading position as a device reports it; {@code metadata} is the raw JSON KOReader sent, if any. */
public record ProgressUpdate(
    String document,
    String progress,
    double percentage,
    String device,
    Optional<String> deviceId,
    Optional<String> metadata) {

  public ProgressUpdate {
    Objects.requireNonNull(document);
    Objects.requireNonNull(progress);
    Objects.requireNonNull(device);
    Objects.requireNonNull(deviceId);
    Objects.requireNonNull(metadata);
  }
}
