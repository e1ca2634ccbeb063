package org.kosync.problems.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLogTest {

  final AtomicLong clock = new AtomicLong(1);
  final FailureLog log = new FailureLog(Duration.ofMinutes(1), clock::get);

  @Test
  void theFirstOfAKindIsWrittenEachWindowAndTheRestCounted() {
    var failure = new IllegalStateException(new IOException("reset"));
    assertEquals(new FailureLog.Verdict(true, 0), log.judge(failure));
    for (var i = 0; i < 300; i++) {
      assertEquals(
          new FailureLog.Verdict(false, 0),
          log.judge(new IllegalStateException(new IOException("again"))));
    }
    assertEquals(
        new FailureLog.Verdict(true, 0), log.judge(new IllegalStateException("another kind")));
    clock.addAndGet(Duration.ofMinutes(1).toNanos() + 1);
    assertEquals(new FailureLog.Verdict(true, 300), log.judge(failure));
  }
}
