package org.kosync.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import org.kosync.problems.control.DatabaseFailures;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Everything not mapped elsewhere. It stays a 5xx (KOReader keeps a failed push and retries it),
 * with KOReader's own codes: 1000 when the database cannot be reached, else 2000. Logged once
 * here, because no one else sees it.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

  private static final System.Logger LOG =
      System.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    var known = SyncException.among(failure);
    if (known.isPresent()) {
      return ErrorBodies.of(known.get());
    }
    if (DatabaseFailures.isUnreachable(failure)) {
      LOG.log(Level.WARNING, "Database unreachable: {0}", DatabaseFailures.rootMessage(failure));
      return ErrorBodies.of(SyncError.DATABASE_UNREACHABLE, null);
    }
    LOG.log(Level.ERROR, "Unexpected failure", failure);
    return ErrorBodies.of(SyncError.UNKNOWN, null);
  }
}
