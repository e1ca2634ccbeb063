package org.kosync.operations.boundary;

import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.kosync.meters.control.Meters;
import org.kosync.operations.control.Routes;

/**
 * {@code kosync_http_requests_seconds}: every request JAX-RS answers, by method, route template
 * ({@code /syncs/progress/{document}}, never a document id or a user) and status, as a histogram
 * with buckets around KOReader's patience. Requests no route matched share the route "unmatched".
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  static final String STARTED = RequestMetrics.class.getName() + ".started";
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)
  };

  // one timer per (method, route, status), found without building it again on every request
  private record Key(String httpMethod, Method resourceMethod, int status) {}

  private static final Map<Key, Timer> TIMERS = new ConcurrentHashMap<>();

  @Context
  ResourceInfo resource;

  private Timer timer(Key key) {
    var route = key.resourceMethod() == null
        ? Routes.UNMATCHED
        : Routes.template(
            resource.getResourceClass().getAnnotation(Path.class),
            key.resourceMethod().getAnnotation(Path.class));
    return Timer.builder("kosync.http.requests")
        .description("Requests answered by the application")
        .tag("method", key.httpMethod())
        .tag("route", route)
        .tag("status", Integer.toString(key.status()))
        .serviceLevelObjectives(BUCKETS)
        .register(Meters.REGISTRY);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    var key = new Key(request.getMethod(), resource.getResourceMethod(), response.getStatus());
    TIMERS
        .computeIfAbsent(key, this::timer)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }
}
