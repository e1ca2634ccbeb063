package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** Requests with one credential that arrive while it is being checked share that one check. */
class CredentialsCheckOnceTest {

  final Credentials credentials = new Credentials();
  final Caller reader = new Caller(7, "reader", 0);
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger checks = new AtomicInteger();

  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  <T> CompletableFuture<T> async(Supplier<T> work) {
    // not the common pool: on two cores it has one thread, and the first check blocks it
    return CompletableFuture.supplyAsync(work, threads);
  }

  Optional<Caller> slowCheck() {
    checks.incrementAndGet();
    started.countDown();
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return Optional.of(reader);
  }

  @Test
  void aSecondRequestWithTheSameCredentialWaitsForTheFirstCheck() throws Exception {
    var first = async(() -> credentials.checkOnce("k", 1, this::slowCheck));
    started.await(10, TimeUnit.SECONDS);
    var second = async(() -> credentials.checkOnce("k", 1, this::slowCheck));
    Thread.sleep(300); // long enough for the second to be waiting, not checking
    assertEquals(1, checks.get());
    release.countDown();
    assertEquals(Optional.of(reader), first.get(10, TimeUnit.SECONDS));
    assertEquals(Optional.of(reader), second.get(10, TimeUnit.SECONDS));
    assertEquals(1, checks.get());
    // once answered, a later request checks again (the cache, not this, keeps the answer)
    credentials.checkOnce("k", 1, this::slowCheck);
    assertEquals(2, checks.get());
  }

  @Test
  void anotherCredentialOrAPasswordChangeInBetweenIsCheckedOnItsOwn() throws Exception {
    var first = async(() -> credentials.checkOnce("k", 1, this::slowCheck));
    started.await(10, TimeUnit.SECONDS);
    assertEquals(Optional.empty(), credentials.checkOnce("other", 1, Optional::empty));
    assertEquals(Optional.empty(), credentials.checkOnce("k", 2, Optional::empty));
    release.countDown();
    assertEquals(Optional.of(reader), first.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aFailedCheckFailsItsWaitersWithTheSameError() throws Exception {
    var busy = new SyncException(SyncError.UNKNOWN, "busy");
    var first = async(() -> credentials.checkOnce("k", 1, () -> {
      started.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      throw busy;
    }));
    started.await(10, TimeUnit.SECONDS);
    var second = async(() -> {
      try {
        return credentials.checkOnce("k", 1, this::slowCheck);
      } catch (SyncException e) {
        return Optional.<Caller>of(new Caller(-1, e.getMessage(), 0));
      }
    });
    Thread.sleep(300);
    release.countDown();
    assertSame(
        busy,
        assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> first.get(10, TimeUnit.SECONDS))
            .getCause());
    assertEquals(-1, second.get(10, TimeUnit.SECONDS).orElseThrow().accountId());
    assertEquals(0, checks.get());
  }
}
