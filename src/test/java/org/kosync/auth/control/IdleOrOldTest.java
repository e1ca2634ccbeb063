package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kosync.auth.entity.Caller;

class IdleOrOldTest {

  static final long MINUTE = Duration.ofMinutes(1).toNanos();
  final IdleOrOld expiry = new IdleOrOld(Duration.ofMinutes(30), Duration.ofMinutes(60));
  final IdleOrOld.Verified verified =
      new IdleOrOld.Verified(new Caller(1, "alice"), 1_000 * MINUTE);

  @Test
  void aFreshCredentialLivesForTheIdleTime() {
    assertEquals(30 * MINUTE, expiry.expireAfterCreate("k", verified, 1_000 * MINUTE));
  }

  @Test
  void useExtendsItButNeverPastTheMaximumAge() {
    assertEquals(30 * MINUTE, expiry.expireAfterRead("k", verified, 1_020 * MINUTE, 10 * MINUTE));
    assertEquals(10 * MINUTE, expiry.expireAfterRead("k", verified, 1_050 * MINUTE, 30 * MINUTE));
    assertEquals(0, expiry.expireAfterRead("k", verified, 1_070 * MINUTE, 30 * MINUTE));
  }

  @Test
  void aCredentialWithAnExpiryNeverOutlivesIt() {
    var token = new IdleOrOld.Verified(new Caller(1, "alice"), 1_000 * MINUTE, 1_005 * MINUTE);
    assertEquals(5 * MINUTE, expiry.expireAfterCreate("k", token, 1_000 * MINUTE));
    assertEquals(1 * MINUTE, expiry.expireAfterRead("k", token, 1_004 * MINUTE, 5 * MINUTE));
    assertEquals(0, expiry.expireAfterRead("k", token, 1_006 * MINUTE, 5 * MINUTE));
  }
}
