package org.kosync.auth.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * So many attempts per key (a client address, a username at an address) in a fixed window that
 * starts with the key's first attempt. Kept in a bounded Caffeine cache whose entries expire with
 * their window, so memory stays bounded whatever an attacker sends.
 */
final class AttemptBudget {

  /** A window's start on the cache's clock (nanoseconds), and the attempts counted in it. */
  private record Window(long start, int attempts) {}

  private final int budget;
  private final long windowNanos;
  private final Ticker ticker;
  private final Cache<String, Window> windows;

  AttemptBudget(int budget, Duration window, long maxKeys, Ticker ticker) {
    this.budget = budget;
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
    this.windows = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .ticker(ticker)
        .expireAfter(new Expiry<String, Window>() {
          @Override
          public long expireAfterCreate(String key, Window value, long now) {
            return Math.max(0, value.start() + windowNanos - now);
          }

          @Override
          public long expireAfterUpdate(String key, Window value, long now, long remaining) {
            return Math.max(0, value.start() + windowNanos - now);
          }

          @Override
          public long expireAfterRead(String key, Window value, long now, long remaining) {
            return remaining;
          }
        })
        .build();
  }

  /** How long until {@code key} may try again, if its budget for this window is spent. */
  Optional<Duration> exhausted(String key) {
    var window = windows.getIfPresent(key);
    if (window == null || window.attempts() < budget) {
      return Optional.empty();
    }
    var left = window.start() + windowNanos - ticker.read();
    return Optional.of(Duration.ofNanos(Math.max(left, 0)).plusSeconds(1).withNanos(0));
  }

  void count(String key) {
    var now = ticker.read();
    windows
        .asMap()
        .merge(
            key,
            new Window(now, 1),
            (current, first) -> now - current.start() >= windowNanos
                ? first
                : new Window(current.start(), current.attempts() + 1));
  }
}
