package org.kosync.sessions.control;

import jakarta.websocket.Session;
import java.time.Instant;

/**
 * One accepted WebSocket connection as the registry tracks it: whose it is, when its token
 * expires, its outbox, and when it last answered a ping (written by the connection's thread,
 * read by the janitor's).
 */
public final class LiveSession {

  private final Session session;
  private final long accountId;
  private final Instant tokenExpires;
  private final Outbox outbox;
  private volatile Instant lastPong;

  LiveSession(Session session, long accountId, Instant tokenExpires, Outbox outbox, Instant now) {
    this.session = session;
    this.accountId = accountId;
    this.tokenExpires = tokenExpires;
    this.outbox = outbox;
    this.lastPong = now;
  }

  public long accountId() {
    return accountId;
  }

  public Outbox outbox() {
    return outbox;
  }

  public void ponged(Instant at) {
    lastPong = at;
  }

  Session session() {
    return session;
  }

  boolean expired(Instant now) {
    return !now.isBefore(tokenExpires);
  }

  Instant lastPong() {
    return lastPong;
  }
}
