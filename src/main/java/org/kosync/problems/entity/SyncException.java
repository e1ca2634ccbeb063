package org.kosync.problems.entity;

import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure the client is told about with one of KOReader's error codes. {@code detail}, when
 * present, says which field or limit was at fault; it is sent beside the official message.
 */
@ApplicationException(rollback = true)
public class SyncException extends RuntimeException {

  private static final int MAX_CAUSES = 32;
  private final SyncError error;
  private final String detail;
  private final Duration retryAfter;

  public SyncException(SyncError error) {
    this(error, null);
  }

  public SyncException(SyncError error, String detail) {
    this(error, detail, null);
  }

  /** A refusal the client may try again after {@code retryAfter} (sent as Retry-After). */
  public SyncException(SyncError error, String detail, Duration retryAfter) {
    super(detail == null ? error.message() : error.message() + " " + detail, null, false, false);
    this.error = error;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  public SyncError error() {
    return error;
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The one in a failure's causes, if any: JAX-RS implementations wrap what a body reader throws
   * (RESTEasy in a ReaderException), and the client must still get its KOReader error.
   */
  public static Optional<SyncException> among(Throwable failure) {
    var depth = 0;
    for (var t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
      if (t instanceof SyncException known) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }
}
