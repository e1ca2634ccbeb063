package org.kosync.operations.boundary;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.kosync.operations.control.HealthReport;
import org.kosync.problems.control.FailureLog;

/**
 * MicroProfile Health's routes and JSON, served by KOsync on its own HTTP port: 200 when every
 * check is UP, 503 otherwise.
 *
 * <p>Why not the servers' own endpoints: WildFly's MicroProfile Health answers on the management
 * port only (9990, usually bound to localhost), and Payara's adds a servlet for {@code /health/*}
 * to whichever application has the context root "/", that is to KOsync, where it would answer
 * these routes in its own way. So one implementation serves both servers (Payara's is switched off
 * in server-config/payara), and the checks stay plain MicroProfile Health beans that the servers'
 * own endpoints list too where they are on.
 */
@ApplicationScoped
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthChecksResource {

  private static final System.Logger LOG = System.getLogger(HealthChecksResource.class.getName());
  private static final FailureLog WRITTEN =
      new FailureLog(Duration.ofMinutes(1), Ticker.systemTicker());

  @Inject
  @Any
  Instance<HealthCheck> checks;

  @GET
  public Response all() {
    return answer(checks);
  }

  @GET
  @Path("live")
  public Response live() {
    return answer(checks.select(Liveness.Literal.INSTANCE));
  }

  @GET
  @Path("ready")
  public Response ready() {
    return answer(checks.select(Readiness.Literal.INSTANCE));
  }

  @GET
  @Path("started")
  public Response started() {
    return answer(checks.select(Startup.Literal.INSTANCE));
  }

  private static Response answer(Instance<HealthCheck> selected) {
    var report =
        HealthReport.of(selected.stream().map(HealthChecksResource::call).toList());
    return Response.status(report.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
        .entity(report.json())
        // a cached UP would hide an outage from a probe behind a proxy
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  // MicroProfile Health: a check that throws is DOWN
  private static HealthCheckResponse call(HealthCheck check) {
    try {
      return check.call();
    } catch (RuntimeException e) {
      // the bean class, without the CDI proxy's suffix
      var name = check.getClass().getSimpleName().split("\\$", 2)[0];
      if (WRITTEN.judge(e).write()) {
        LOG.log(Level.ERROR, () -> "KOSYNC5006: Health check " + name + " failed", e);
      }
      return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.empty());
    }
  }
}
