package org.kosync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.function.Supplier;
import org.kosync.testing.KoreaderClient.Reply;

/** Waiting for a server to serve again after the database came back. */
public final class Awaits {

  private Awaits() {}

  /** The first 200 of {@code call}, asked every 250 ms; fails with {@code what} after {@code within}. */
  public static Reply success(Supplier<Reply> call, Duration within, String what) {
    var deadline = System.nanoTime() + within.toNanos();
    var reply = call.get();
    while (reply.status() != 200 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      reply = call.get();
    }
    var last = reply;
    assertEquals(200, last.status(), () -> what + ": " + last);
    return last;
  }
}
