package org.kosync.operations.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When an interval timer counts as stopped: it missed three runs in a row, and at least a minute
 * passed. One late run is no reason to restart a server (a busy machine delays timers by seconds),
 * and a restart is what a failed liveness probe brings.
 */
public final class TimerLateness {

  static final int MISSED_RUNS = 3;
  static final Duration AT_LEAST = Duration.ofMinutes(1);

  private TimerLateness() {}

  public static boolean isLate(Instant lastRun, Duration interval, Instant now) {
    var allowed = interval.multipliedBy(MISSED_RUNS);
    if (allowed.compareTo(AT_LEAST) < 0) {
      allowed = AT_LEAST;
    }
    return Duration.between(lastRun, now).compareTo(allowed) > 0;
  }
}
