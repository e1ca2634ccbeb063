package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each device key was last used, to the minute: a device authenticates on every sync call,
 * and writing the time each time would double the writes of a push.
 */
@ApplicationScoped
public class DeviceUse {

  static final Duration PRECISION = Duration.ofMinutes(1);

  @Inject
  DeviceKeyStore store;

  private final Map<Long, Long> recordedAt = new ConcurrentHashMap<>();

  public void used(long deviceKeyId) {
    var now = System.nanoTime();
    var last = recordedAt.get(deviceKeyId);
    if (last != null && now - last < PRECISION.toNanos()) {
      return;
    }
    if (last == null
        ? recordedAt.putIfAbsent(deviceKeyId, now) == null
        : recordedAt.replace(deviceKeyId, last, now)) {
      store.usedAt(deviceKeyId, Instant.now());
    }
  }

  public void forget(long deviceKeyId) {
    recordedAt.remove(deviceKeyId);
  }
}
