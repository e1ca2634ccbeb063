package org.kosync.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One account's sessions opening, subscribing and closing at the same moment, round after round:
 * afterwards every session that is still open must be registered and subscribed, and every closed
 * one gone — a session must never land in a set that has just been dropped from the registry.
 */
class SessionRegistryRaceTest {

  static final long ACCOUNT = 7;
  static final int ROUNDS = 100_000;
  static final int THREADS = 4;

  final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  static Session session() {
    return (Session) Proxy.newProxyInstance(
        SessionRegistryRaceTest.class.getClassLoader(),
        new Class<?>[] {Session.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "isOpen" -> true;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "session";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  static ManagedExecutorService inline() {
    return (ManagedExecutorService) Proxy.newProxyInstance(
        SessionRegistryRaceTest.class.getClassLoader(),
        new Class<?>[] {ManagedExecutorService.class},
        (proxy, method, args) -> {
          if (method.getName().equals("execute")) {
            ((Runnable) args[0]).run();
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  static SessionRegistry registry() {
    var registry = new SessionRegistry();
    registry.executor = inline();
    registry.maxSessionsPerUser = 20;
    registry.maxQueuedChars = 1024;
    return registry;
  }

  @Test
  void opensSubscribesAndClosesOfOneAccountNeverLoseASession() throws Exception {
    var registry = registry();
    var expires = Instant.now().plusSeconds(3600);
    LiveSession carried = registry.open(ACCOUNT, session(), expires).orElseThrow();
    registry.subscribe(carried);
    var lost = new ArrayList<String>();
    for (var round = 0; round < ROUNDS && lost.isEmpty(); round++) {
      var start = new CyclicBarrier(THREADS);
      var previous = carried;
      var outcomes = new ArrayList<Future<LiveSession>>();
      for (var t = 0; t < THREADS; t++) {
        var thread = t;
        outcomes.add(threads.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          if (thread == 0) {
            registry.close(previous);
          }
          var live = registry.open(ACCOUNT, session(), expires).orElseThrow();
          registry.subscribe(live);
          if (thread > 0) {
            registry.close(live); // the account is left with thread 0's session only
          }
          return live;
        }));
      }
      var sessions = new ArrayList<LiveSession>();
      for (var outcome : outcomes) {
        sessions.add(outcome.get(10, TimeUnit.SECONDS));
      }
      carried = sessions.get(0);
      if (!registry.isOpen(carried) || !registry.isSubscribed(carried)) {
        lost.add("round " + round + ": the open session is "
            + (registry.isOpen(carried) ? "" : "not registered, ")
            + (registry.isSubscribed(carried) ? "subscribed" : "not subscribed"));
      }
      for (var closed : List.of(previous, sessions.get(1), sessions.get(2), sessions.get(3))) {
        if (registry.isOpen(closed) || registry.isSubscribed(closed)) {
          lost.add("round " + round + ": a closed session is still registered");
        }
      }
    }
    assertEquals(List.of(), lost);
    assertEquals(1, registry.openSessions());
    assertTrue(registry.isSubscribed(carried));
  }
}
