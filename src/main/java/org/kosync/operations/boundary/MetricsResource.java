package org.kosync.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.kosync.operations.control.Scrape;
import org.kosync.operations.control.ScrapeAccess;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** {@code GET /metrics}: Prometheus' text format, for those {@link ScrapeAccess} allows. */
@ApplicationScoped
@Path("metrics")
public class MetricsResource {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String BEARER = "Bearer ";

  @Inject
  Scrape scrape;

  @Inject
  ScrapeAccess access;

  @Context
  HttpServletRequest request;

  // no @Produces: Prometheus asks for OpenMetrics first, others for anything; every scraper gets
  // this text (Jersey would answer 406 to an Accept that does not list text/plain)
  @GET
  public Response scrape() {
    if (!access.enabled()) {
      throw new NotFoundException(); // as any route that does not exist
    }
    var authorization = Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
        .filter(a -> a.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(a -> a.substring(BEARER.length()).strip());
    if (!access.allows(request.getRemoteAddr(), authorization)) {
      throw new SyncException(SyncError.UNAUTHORIZED, "Metrics are not served to this client.");
    }
    return Response.ok(scrape.text()).type(PROMETHEUS_TEXT).build();
  }
}
