package org.kosync.operations.control;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.kosync.meters.control.Meters;

/**
 * The Prometheus text every node serves at {@code /metrics}: the meters every component records in
 * {@link Meters#REGISTRY}, and, bound here at start, the JVM's memory, GC, threads and CPU. Micrometer in the WAR,
 * not the servers' metrics (WildFly's Micrometer subsystem, Payara's MicroProfile Metrics), gives
 * one identical scrape on both: same names, same labels, same port as the application.
 */
@ApplicationScoped
public class Scrape {

  private PrometheusMeterRegistry prometheus;
  private JvmGcMetrics gc;

  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    prometheus.config(); // touching the bean joins the registry before the first request
  }

  @PostConstruct
  void join() {
    prometheus = Meters.REGISTRY;
    new JvmMemoryMetrics().bindTo(prometheus);
    gc = new JvmGcMetrics();
    gc.bindTo(prometheus);
    new JvmThreadMetrics().bindTo(prometheus);
    new ClassLoaderMetrics().bindTo(prometheus);
    new ProcessorMetrics().bindTo(prometheus);
    new UptimeMetrics().bindTo(prometheus);
  }

  @PreDestroy
  void leave() {
    gc.close();
    prometheus.close();
  }

  public String text() {
    return prometheus.scrape();
  }
}
