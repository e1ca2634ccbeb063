package org.kosync.operations.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimerLatenessTest {

  static final Instant LAST = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void aTimerIsLateAfterThreeMissedRuns() {
    var interval = Duration.ofMinutes(10);
    assertFalse(TimerLateness.isLate(LAST, interval, LAST.plus(Duration.ofMinutes(30))));
    assertTrue(TimerLateness.isLate(LAST, interval, LAST.plus(Duration.ofMinutes(31))));
  }

  @Test
  void butNeverWithinAMinute() {
    var interval = Duration.ofSeconds(1);
    assertFalse(TimerLateness.isLate(LAST, interval, LAST.plusSeconds(60)));
    assertTrue(TimerLateness.isLate(LAST, interval, LAST.plusSeconds(61)));
  }
}
