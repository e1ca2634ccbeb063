package org.kosync.documents.entity;

import java.time.Instant;
import java.util.Optional;

/** The stored position of one document, as read back. */
public record ProgressState(
    String document,
    String progress,
    double percentage,
    String device,
    Optional<String> deviceId,
    Instant updatedAt) {}
