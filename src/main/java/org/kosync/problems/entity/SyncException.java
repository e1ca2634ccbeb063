package org.kosync.problems.entity;

import jakarta.ejb.ApplicationException;
import java.util.Optional;

/**
 * A failure the client is told about with one of KOReader's error codes. {@code detail}, when
 * present, says which field or limit was at fault; it is sent beside the official message.
 */
@ApplicationException(rollback = true)
public class SyncException extends RuntimeException {

  private final SyncError error;
  private final String detail;

  public SyncException(SyncError error) {
    this(error, null);
  }

  public SyncException(SyncError error, String detail) {
    super(detail == null ? error.message() : error.message() + " " + detail, null, false, false);
    this.error = error;
    this.detail = detail;
  }

  public SyncError error() {
    return error;
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
