package org.kosync.operations.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A costly question (a database round trip) asked at most once per {@code fresh} and never twice at
 * once: callers in between get the latest answer instead of waiting. Health endpoints are open to
 * anyone, and each question would otherwise cost the database a connection and a worker thread
 * up to the deadline.
 */
public final class LatestAnswer<T> {

  private record Answer<T>(T value, Instant at) {}

  private final Supplier<T> question;
  private final Duration fresh;
  private final Clock clock;
  private final AtomicBoolean asking = new AtomicBoolean();
  private volatile Answer<T> latest;

  public LatestAnswer(Supplier<T> question, Duration fresh, Clock clock) {
    this.question = question;
    this.fresh = fresh;
    this.clock = clock;
  }

  public T get() {
    var known = latest;
    if (known != null && known.at().plus(fresh).isAfter(clock.instant())) {
      return known.value();
    }
    if (!asking.compareAndSet(false, true)) {
      // the first callers of all have nothing to fall back on, and ask too
      return known != null ? known.value() : question.get();
    }
    try {
      var answer = new Answer<>(question.get(), clock.instant());
      latest = answer;
      return answer.value();
    } finally {
      asking.set(false);
    }
  }
}
