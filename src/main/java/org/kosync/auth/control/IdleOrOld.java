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

  /** {@code at}: when the slow hash accepted it, on the cache's clock (nanoseconds). */
  record Verified(Caller caller, long at) {}

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
  public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
    return remaining(value, currentTime);
  }

  @Override
  public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
    return remaining(value, currentTime);
  }

  private long remaining(Verified value, long now) {
    return Math.max(0, Math.min(idleNanos, maxAgeNanos - (now - value.at())));
  }
}
