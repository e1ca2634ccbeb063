package org.kosync.meters.control;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus registry of this deployment, there before any meter: a registry joined to
 * Micrometer's global composite only at start found meters registered already (a class's static
 * meters, loaded during deployment), lost their first recordings and said so with a WARNING at
 * every deployment.
 */
public final class Meters {

  public static final PrometheusMeterRegistry REGISTRY =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private Meters() {}
}
