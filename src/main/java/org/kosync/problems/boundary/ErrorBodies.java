package org.kosync.problems.boundary;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** Builds the {@code {"code":…,"message":…}} responses every mapper answers with. */
final class ErrorBodies {

  private static final JsonProvider JSON = JsonProvider.provider();

  private ErrorBodies() {}

  static Response of(SyncException exception) {
    var response = of(exception.error(), exception.detail().orElse(null));
    return exception
        .retryAfter()
        .map(wait -> Response.fromResponse(response)
            .header("Retry-After", Long.toString(wait.toSeconds()))
            .build())
        .orElse(response);
  }

  static Response of(SyncError error, String detail) {
    return of(error.status(), error.code(), error.message(), detail);
  }

  static Response of(int status, int code, String message, String detail) {
    var body = JSON.createObjectBuilder().add("code", code).add("message", message);
    if (detail != null) {
      body.add("detail", detail);
    }
    return json(status, body.build());
  }

  private static Response json(int status, JsonObject body) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body)
        .build();
  }
}
