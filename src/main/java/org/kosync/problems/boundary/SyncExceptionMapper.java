package org.kosync.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.kosync.problems.entity.SyncException;

@Provider
public class SyncExceptionMapper implements ExceptionMapper<SyncException> {

  @Override
  public Response toResponse(SyncException exception) {
    return ErrorBodies.of(exception);
  }
}
