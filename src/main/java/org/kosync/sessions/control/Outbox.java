package org.kosync.sessions.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything the server sends on one session, one frame in flight at a time (as
 * {@code RemoteEndpoint.Async} requires) and in order. A client that does not read fills the
 * queue; past {@code limit} queued characters the queue is dropped and the session closed with
 * 1013 ("try again later"), so a slow reader costs bounded memory and never holds up the writer or
 * other readers. The close waits for the frame in flight, because Tyrus (Payara) drops a close
 * frame that queues behind unsent data; the janitor closes a session stuck that way regardless.
 */
public final class Outbox {

  public static final CloseReason FELL_BEHIND = new CloseReason(
      CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too slow: reconnect and read documents.all");
  private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

  private record Frame(String text, Optional<CloseReason> thenClose, boolean reply) {}

  private final Session session;
  private final int limit;
  private final Executor closer;
  private final ArrayDeque<Frame> queued = new ArrayDeque<>();
  private int queuedChars; // announces and the like, bounded by the limit
  private int queuedReplyChars; // answers to the client's own calls
  private boolean sending;
  private boolean closing;
  private long fellBehindAt; // System.nanoTime() when the queue overflowed; 0 while it has not

  /** {@code closer} runs closes, which may block on a stuck connection, away from the sender's thread. */
  public Outbox(Session session, int limit, Executor closer) {
    this.session = session;
    this.limit = limit;
    this.closer = closer;
  }

  /** False when the session was closed instead, because it fell behind or is closing. */
  public boolean send(String text) {
    return offer(new Frame(text, Optional.empty(), false));
  }

  /**
   * The answer to a call of the client's own, which may alone be larger than the limit (documents.all
   * of a large library): it is queued whatever its size when no other answer waits, so asking is
   * never mistaken for falling behind. A client that asks again before reading the answer is
   * bounded by the limit like any other.
   */
  public boolean reply(String text) {
    return offer(new Frame(text, Optional.empty(), true));
  }

  /** Sends {@code text}, then closes with {@code reason} once it is out. */
  public boolean sendThenClose(String text, CloseReason reason) {
    return offer(new Frame(text, Optional.of(reason), false));
  }

  private boolean offer(Frame frame) {
    synchronized (this) {
      if (closing) {
        return false;
      }
      closing = frame.thenClose().isPresent();
      var length = frame.text().length();
      if (!sending) {
        sending = true;
      } else if (frame.reply() && (queuedReplyChars == 0 || queuedReplyChars + length <= limit)) {
        queued.add(frame);
        queuedReplyChars += length;
        return true;
      } else if (!frame.reply() && queuedChars + length <= limit) {
        queued.add(frame);
        queuedChars += length;
        return true;
      } else {
        closing = true;
        queued.clear();
        queuedChars = 0;
        queuedReplyChars = 0;
        fellBehindAt = Math.max(1, System.nanoTime());
        LOG.log(
            Level.INFO,
            "KOSYNC2103: Closing a WebSocket session that fell more than {0} characters behind",
            String.valueOf(limit));
        return false;
      }
    }
    transmit(frame);
    return true;
  }

  private void transmit(Frame frame) {
    try {
      session.getAsyncRemote().sendText(frame.text(), result -> sent(frame, result));
    } catch (IllegalStateException e) { // closed meanwhile
      sent(frame, new SendResult(e));
    }
  }

  private void sent(Frame frame, SendResult result) {
    if (!result.isOK()) {
      // on a closing session that is expected; on an open one it is a lost frame
      LOG.log(
          session.isOpen() ? Level.WARNING : Level.DEBUG,
          "KOSYNC2104: A WebSocket frame could not be sent: {0}",
          String.valueOf(result.getException()));
    }
    frame.thenClose().ifPresent(this::close);
    Frame next;
    synchronized (this) {
      next = queued.poll();
      if (next == null) {
        sending = false;
        if (fellBehindAt != 0) {
          close(FELL_BEHIND);
        }
        return;
      }
      if (next.reply()) {
        queuedReplyChars -= next.text().length();
      } else {
        queuedChars -= next.text().length();
      }
    }
    transmit(next);
  }

  /** Closes the session if it fell behind longer than {@code grace} ago and its last frame is still not out. */
  public void closeIfStuck(long nowNanos, long graceNanos) {
    synchronized (this) {
      if (fellBehindAt == 0 || !sending || nowNanos - fellBehindAt < graceNanos) {
        return;
      }
    }
    close(FELL_BEHIND);
  }

  private void close(CloseReason reason) {
    closer.execute(() -> {
      try {
        session.close(reason);
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.DEBUG, "KOSYNC2105: Closing a WebSocket session failed: {0}", e.toString());
      }
    });
  }
}
