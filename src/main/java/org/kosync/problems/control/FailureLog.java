package org.kosync.problems.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which unexpected failures to write to the log: the first of a kind (its class and the class of
 * its root cause) in each window, with its stack trace; the rest of that window are only counted,
 * and the count is reported with the next one written. A client that can make the server fail
 * cannot make it write megabytes of the same stack trace.
 */
public final class FailureLog {

  /** What to do with one failure: write it (and how many like it were left out before), or not. */
  public record Verdict(boolean write, int suppressedBefore) {}

  private final Cache<String, AtomicInteger> windows;
  private final Cache<String, Integer> suppressed;

  public FailureLog(Duration window, Ticker ticker) {
    this.windows = Caffeine.newBuilder()
        .expireAfterWrite(window)
        .maximumSize(1_000)
        .ticker(ticker)
        .build();
    this.suppressed = Caffeine.newBuilder().maximumSize(1_000).build();
  }

  public Verdict judge(Throwable failure) {
    var kind = kind(failure);
    var seen = windows.asMap().computeIfAbsent(kind, k -> new AtomicInteger()).getAndIncrement();
    if (seen == 0) {
      var before = suppressed.asMap().remove(kind);
      return new Verdict(true, before == null ? 0 : before);
    }
    suppressed.asMap().merge(kind, 1, Integer::sum);
    return new Verdict(false, 0);
  }

  static String kind(Throwable failure) {
    return failure.getClass().getName() + "/"
        + DatabaseFailures.rootCause(failure).getClass().getName();
  }
}
