package org.kosync.auth.control;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import org.kosync.auth.entity.Caller;

/**
 * A cached credential expires when unused for {@code idle}, and in any case {@code maxAge} after
 * it was verified — so a reading device keeps its fast path, while a key changed on another node
 * stops working here within {@code maxAge}. Expiring on idleness rather than a fixed clock also
 * keeps all the devices that logged in at one moment from re-hashing at one moment.
 */
final class IdleOrOld implements Expiry<String, IdleOrOld.Verified> {

  /**
   * {@code at}: when it was verified, on the cache's clock (nanoseconds); {@code until}: when it
   * stops being valid in any case (a token's expiry), on the same clock.
   */
  record Verified(Caller caller, long at, long until) {
    Verified(Caller caller, long at) {
      this(caller, at, Long.MAX_VALUE);
    }
  }

  private final long idleNanos;
  private final long maxAgeNanos;

  IdleOrOld(Duration idle, Duration maxAge) {
    this.idleNanos = idle.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
  }

  @Override
  public long expireAfterCreate(String key, Verified value, long currentTime) {
    return remaining(value, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      String key, Verified value, long currentTime, long currentDuration) {
    return remaining(value, currentTime);
  }

  @Override
  public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
    return remaining(value, currentTime);
  }

  private long remaining(Verified value, long now) {
    var remaining = Math.min(idleNanos, maxAgeNanos - (now - value.at()));
    if (value.until() != Long.MAX_VALUE) {
      remaining = Math.min(remaining, value.until() - now);
    }
    return Math.max(0, remaining);
  }
}
