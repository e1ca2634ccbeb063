package org.kosync.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LatestAnswerTest {

  static final class Ticking extends Clock {
    Instant now = Instant.parse("2026-11-30T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void asksAgainOnlyOnceTheAnswerIsStale() {
    var clock = new Ticking();
    var asked = new AtomicInteger();
    var answers = new LatestAnswer<>(asked::incrementAndGet, Duration.ofSeconds(1), clock);
    assertEquals(1, answers.get());
    clock.now = clock.now.plusMillis(999);
    assertEquals(1, answers.get());
    clock.now = clock.now.plusMillis(1);
    assertEquals(2, answers.get());
  }

  @Test
  void whileOneAsksTheOthersGetTheLatestAnswer() throws Exception {
    var clock = new Ticking();
    var asking = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var asked = new AtomicInteger();
    var answers = new LatestAnswer<>(
        () -> {
          var n = asked.incrementAndGet();
          if (n == 2) {
            asking.countDown();
            await(release);
          }
          return n;
        },
        Duration.ofSeconds(1),
        clock);
    assertEquals(1, answers.get());
    clock.now = clock.now.plusSeconds(5);
    var executor = Executors.newSingleThreadExecutor();
    try {
      var slow = executor.submit(answers::get);
      asking.await(5, TimeUnit.SECONDS);
      assertEquals(1, answers.get());
      release.countDown();
      assertEquals(2, slow.get(5, TimeUnit.SECONDS));
      assertEquals(2, asked.get());
    } finally {
      executor.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
