package org.kosync.problems.control;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An outage of the database, logged twice: once when the first request finds it unreachable, once
 * when a statement succeeds again — with how long it lasted and how many requests failed meanwhile.
 * Per node; every request in between only counts.
 */
public final class DatabaseOutage {

  private static final System.Logger LOG = System.getLogger(DatabaseOutage.class.getName());
  private static final AtomicReference<Long> SINCE = new AtomicReference<>();
  private static final AtomicLong FAILED = new AtomicLong();

  private DatabaseOutage() {}

  public static void unreachable(String cause) {
    FAILED.incrementAndGet();
    if (SINCE.compareAndSet(null, System.nanoTime())) {
      LOG.log(
          Level.WARNING,
          "KOSYNC5001: Database unreachable ({0}); requests that need it answer 502 / 1000 until it"
              + " is back",
          cause);
    }
  }

  /** Cheap on the hot path: one read when there is no outage. */
  public static void reachable() {
    var since = SINCE.get();
    if (since != null && SINCE.compareAndSet(since, null)) {
      var lasted = Duration.ofNanos(System.nanoTime() - since);
      LOG.log(
          Level.INFO,
          "KOSYNC5002: Database reachable again after {0} s; {1} requests failed meanwhile",
          lasted.toSeconds(),
          FAILED.getAndSet(0));
    }
  }
}
