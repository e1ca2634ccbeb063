package org.kosync.sessions.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.sessions.control.SessionRegistry;

/**
 * Housekeeping of WebSocket sessions every {@code kosync.websocket.sweep-interval}: a
 * non-persistent timer (no timer store, no burst of missed runs after downtime) that only
 * triggers; the registry does the work.
 */
@Startup
@Singleton
// no container lock: the liveness check reads lastRun() during a sweep, and sweeps may overlap
// (the registry is concurrent and decides by the clock)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionJanitor {

  @Resource
  TimerService timers;

  @Inject
  SessionRegistry registry;

  // below the HTTP listener's read-timeout (30 s in server-config), which also ends a silent
  // WebSocket
  @Inject
  @ConfigProperty(name = "kosync.websocket.sweep-interval", defaultValue = "PT15S")
  Duration interval;

  private volatile Instant lastRun;

  @PostConstruct
  void schedule() {
    lastRun = Instant.now();
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig(null, false));
  }

  @Timeout
  void sweep() {
    lastRun = Instant.now();
    // a session that missed three pings in a row is gone
    registry.sweep(Instant.now(), interval.multipliedBy(3));
  }

  /** When the timer last fired (its work may have failed), or when it was set up. */
  public Instant lastRun() {
    return lastRun;
  }

  public Duration interval() {
    return interval;
  }
}
