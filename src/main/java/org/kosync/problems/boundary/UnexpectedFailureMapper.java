package org.kosync.problems.boundary;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.kosync.problems.control.DatabaseFailures;
import org.kosync.problems.control.DatabaseOutage;
import org.kosync.problems.control.FailureLog;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Everything not mapped elsewhere. It stays a 5xx (KOReader keeps a failed push and retries it),
 * with KOReader's own codes: 1000 when the database cannot be reached, else 2000. Logged here,
 * because no one else sees it — but only the first of a kind each minute ({@link FailureLog}), so
 * that no client can fill the disk with one stack trace; a database outage once when it begins and
 * once when it ends ({@link DatabaseOutage}).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

  private static final System.Logger LOG =
      System.getLogger(UnexpectedFailureMapper.class.getName());
  private static final FailureLog WRITTEN =
      new FailureLog(Duration.ofMinutes(1), Ticker.systemTicker());

  @Override
  public Response toResponse(Throwable failure) {
    var known = SyncException.among(failure);
    if (known.isPresent()) {
      return ErrorBodies.of(known.get());
    }
    if (DatabaseFailures.isUnreachable(failure)) {
      DatabaseOutage.unreachable(DatabaseFailures.rootMessage(failure));
      return ErrorBodies.of(SyncError.DATABASE_UNREACHABLE, null);
    }
    var verdict = WRITTEN.judge(failure);
    if (verdict.write()) {
      var suppressed = verdict.suppressedBefore() == 0
          ? ""
          : " (" + verdict.suppressedBefore() + " more like it were not logged)";
      LOG.log(Level.ERROR, "KOSYNC5003: Unexpected failure" + suppressed, failure);
    }
    return ErrorBodies.of(SyncError.UNKNOWN, null);
  }
}
