package org.kosync.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.kosync.documents.boundary.HistoryJanitor;
import org.kosync.operations.control.TimerLateness;
import org.kosync.sessions.boundary.SessionJanitor;

/**
 * Alive while the application's timers fire: the history pruning and the WebSocket session sweep.
 * Whether their work succeeds is not asked (a database outage makes pruning fail, and is readiness'
 * business): a timer that stopped firing means a stuck server, which a restart cures.
 */
@Liveness
@ApplicationScoped
public class TimersCheck implements HealthCheck {

  static final String NAME = "timers";

  @Inject
  HistoryJanitor history;

  @Inject
  SessionJanitor sessions;

  @Override
  public HealthCheckResponse call() {
    var now = Instant.now();
    var data = new TreeMap<String, Object>();
    var onTime = onTime("history-pruning", history.lastRun(), history.interval(), now, data)
        & onTime("session-sweep", sessions.lastRun(), sessions.interval(), now, data);
    return new HealthCheckResponse(NAME, onTime ? Status.UP : Status.DOWN, Optional.of(data));
  }

  private static boolean onTime(
      String timer, Instant lastRun, Duration interval, Instant now, Map<String, Object> data) {
    data.put(timer + ".last-run", lastRun.truncatedTo(ChronoUnit.SECONDS).toString());
    return !TimerLateness.isLate(lastRun, interval, now);
  }
}
