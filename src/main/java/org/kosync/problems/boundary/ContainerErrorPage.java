package org.kosync.problems.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors the container answers before JAX-RS runs, turned into KOReader's JSON (web.xml sends
 * them here; every HTTP method lands in service()). They come from MicroProfile JWT: a refused
 * Bearer token is 401, and a token whose key cannot be found (an unknown "kid") is a 500 there —
 * for the client both mean "this token is not accepted", so both are 401/2001. Any other container
 * failure is KOReader's 502/2000.
 */
@WebServlet(ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {

  static final String PATH = "/errors/container";
  private static final byte[] UNAUTHORIZED =
      "{\"code\":2001,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UNKNOWN =
      "{\"code\":2000,\"message\":\"Unknown server error.\"}".getBytes(StandardCharsets.UTF_8);

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    var authorization = request.getHeader("Authorization");
    var bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    if (Integer.valueOf(HttpServletResponse.SC_UNAUTHORIZED).equals(status) || bearer) {
      write(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED);
    } else {
      write(response, HttpServletResponse.SC_BAD_GATEWAY, UNKNOWN);
    }
  }

  private static void write(HttpServletResponse response, int status, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
