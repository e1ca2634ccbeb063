package org.kosync.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

  /** A session whose sends complete only when the test says so, as over a slow network. */
  static final class SlowSession {
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();
    final Session session;

    SlowSession() {
      var remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
          getClass().getClassLoader(),
          new Class<?>[] {RemoteEndpoint.Async.class},
          (proxy, method, args) -> {
            if (method.getName().equals("sendText") && args.length == 2) {
              sent.add((String) args[0]);
              pending.add((SendHandler) args[1]);
              return null;
            }
            throw new UnsupportedOperationException(method.getName());
          });
      session = (Session) Proxy.newProxyInstance(
          getClass().getClassLoader(),
          new Class<?>[] {Session.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "getAsyncRemote" -> remote;
            case "close" -> closes.add((CloseReason) args[0]);
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    void completeOne() {
      pending.remove(0).onResult(new SendResult());
    }
  }

  final SlowSession slow = new SlowSession();

  @Test
  void sendsOneFrameAtATimeInOrder() {
    var outbox = new Outbox(slow.session, 100, Runnable::run);
    assertTrue(outbox.send("a"));
    assertTrue(outbox.send("b"));
    assertTrue(outbox.send("c"));
    assertEquals(List.of("a"), slow.sent);
    slow.completeOne();
    assertEquals(List.of("a", "b"), slow.sent);
    slow.completeOne();
    slow.completeOne();
    assertEquals(List.of("a", "b", "c"), slow.sent);
    assertTrue(slow.pending.isEmpty());
    assertTrue(outbox.send("d"), "idle again: sent at once");
    assertEquals(List.of("a", "b", "c", "d"), slow.sent);
    assertTrue(slow.closes.isEmpty());
  }

  @Test
  void aSessionThatFallsBehindTheLimitIsClosedWith1013() {
    var outbox = new Outbox(slow.session, 10, Runnable::run);
    assertTrue(outbox.send("in flight"));
    assertTrue(outbox.send("12345"));
    assertTrue(outbox.send("67890"), "exactly at the limit is still queued");
    assertFalse(outbox.send("x"));
    assertFalse(outbox.send("later"), "nothing more once closing");
    assertTrue(slow.closes.isEmpty(), "the close frame waits for the frame in flight");
    slow.completeOne();
    assertEquals(List.of("in flight"), slow.sent, "the queue was dropped");
    assertEquals(1, slow.closes.size());
    assertEquals(1013, slow.closes.get(0).getCloseCode().getCode());
  }

  @Test
  void anAnswerLargerThanTheLimitIsNoReasonToClose() {
    var outbox = new Outbox(slow.session, 10, Runnable::run);
    assertTrue(outbox.send("announce in flight"));
    var large = "x".repeat(1000); // documents.all of a large library
    assertTrue(outbox.reply(large), "the client asked for it");
    assertTrue(outbox.send("12345"), "announces keep their own budget");
    assertTrue(outbox.send("67890"));
    assertFalse(outbox.reply("yyyyy".repeat(3)), "asking again before reading: over the limit");
    slow.completeOne();
    assertEquals(1013, slow.closes.get(0).getCloseCode().getCode());
  }

  @Test
  void answersAreSentInOrderWithEverythingElse() {
    var outbox = new Outbox(slow.session, 10, Runnable::run);
    assertTrue(outbox.send("a"));
    assertTrue(outbox.reply("b".repeat(50)));
    slow.completeOne(); // the large answer is in flight now, no longer waiting
    assertTrue(outbox.send("c"));
    assertTrue(outbox.reply("dd"), "the next answer is queued again");
    slow.completeOne();
    slow.completeOne();
    slow.completeOne();
    assertEquals(List.of("a", "b".repeat(50), "c", "dd"), slow.sent);
    assertTrue(slow.closes.isEmpty());
  }

  @Test
  void aSessionStuckBehindIsClosedByTheJanitorAfterTheGrace() {
    var outbox = new Outbox(slow.session, 10, Runnable::run);
    outbox.send("in flight, never out");
    outbox.send("12345");
    outbox.closeIfStuck(System.nanoTime(), 0);
    assertTrue(slow.closes.isEmpty(), "not behind: nothing to do");
    long fellBehind = System.nanoTime();
    assertFalse(outbox.send("678901"));
    outbox.closeIfStuck(fellBehind, 60_000_000_000L);
    assertTrue(slow.closes.isEmpty(), "still within the grace");
    outbox.closeIfStuck(fellBehind + 61_000_000_000L, 60_000_000_000L);
    assertEquals(1013, slow.closes.get(0).getCloseCode().getCode());
  }

  @Test
  void closesOnlyAfterTheLastFrameIsOut() {
    var outbox = new Outbox(slow.session, 100, Runnable::run);
    outbox.send("reply");
    outbox.sendThenClose(
        "goodbye.", new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "goodbye."));
    assertFalse(outbox.send("too late"));
    slow.completeOne();
    assertTrue(slow.closes.isEmpty(), "goodbye is not out yet");
    slow.completeOne();
    assertEquals(List.of("reply", "goodbye."), slow.sent);
    assertEquals(1000, slow.closes.get(0).getCloseCode().getCode());
  }
}
