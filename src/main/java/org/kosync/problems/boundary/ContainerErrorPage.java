package org.kosync.problems.boundary;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kosync.problems.entity.SyncError;

/**
 * Errors the container answers before JAX-RS runs, turned into KOReader's JSON (web.xml sends
 * every error here; every HTTP method lands in service()). A 401 is KOReader's 401/2001. A declared
 * body over the container's limit is the protocol's 403/2003. Other 4xx keep their status with the status as code, as in
 * {@link WebApplicationExceptionMapper}; any other container failure is KOReader's 502/2000.
 * Requested directly (Undertow sends requests without a path here, see configure-http.cli), it is
 * no route: 404.
 */
@WebServlet(ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {

  static final String PATH = "/errors/container";
  private static final JsonProvider JSON = JsonProvider.provider();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(status instanceof Integer code)) {
      write(response, 404, 404, "Not Found.", null);
    } else if (code == HttpServletResponse.SC_UNAUTHORIZED) {
      write(response, SyncError.UNAUTHORIZED, null);
    } else if (code == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
      write(response, SyncError.INVALID_REQUEST, "The body is too large.");
    } else if (code >= 400 && code < 500) {
      var known = Response.Status.fromStatusCode(code);
      write(response, code, code, known == null ? "Error." : known.getReasonPhrase() + ".", null);
    } else {
      write(response, SyncError.UNKNOWN, null);
    }
  }

  private static void write(HttpServletResponse response, SyncError error, String detail)
      throws IOException {
    write(response, error.status(), error.code(), error.message(), detail);
  }

  private static void write(
      HttpServletResponse response, int status, int code, String message, String detail)
      throws IOException {
    var json = JSON.createObjectBuilder().add("code", code).add("message", message);
    if (detail != null) {
      json.add("detail", detail);
    }
    var body = json.build().toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
