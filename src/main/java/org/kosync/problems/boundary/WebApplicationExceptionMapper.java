package org.kosync.problems.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.kosync.problems.entity.SyncException;

/**
 * Unknown routes (404), wrong methods (405) and the like keep their HTTP status but get a JSON
 * body: KOReader shows "Unknown server error" for any answer that is not JSON. Their code is
 * the HTTP status, as they are outside KOReader's table.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    var known = SyncException.among(exception);
    if (known.isPresent()) {
      return ErrorBodies.of(known.get());
    }
    var status = exception.getResponse().getStatusInfo();
    var answer = ErrorBodies.of(
        status.getStatusCode(), status.getStatusCode(), status.getReasonPhrase() + ".", null);
    var allow = exception.getResponse().getHeaderString("Allow");
    return allow == null
        ? answer
        : Response.fromResponse(answer).header("Allow", allow).build();
  }
}
