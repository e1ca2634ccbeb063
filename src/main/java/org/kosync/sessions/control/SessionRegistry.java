package org.kosync.sessions.control;

import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.meters.control.Meters;

/**
 * Open WebSocket sessions per account and which of them subscribed to the account's changes; "send
 * this text to the subscribers of this account"; and the housekeeping the janitor triggers. Every
 * change to an account's sessions replaces its {@link AccountSessions} in one atomic map update,
 * so a session that opens while the account's last one closes is never added to a set that has
 * just left the map.
 */
@Singleton
@ConcurrencyManagement(
    ConcurrencyManagementType.BEAN) // no container lock serialising every broadcast
// it touches no database: the default (REQUIRED) would begin a container transaction for every
// call, a cost on every push. Not NOT_SUPPORTED: suspending the caller's transaction fails on
// Payara
// when the caller is an after-commit observer ("Invalid transaction passed to resume()").
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SessionRegistry {

  private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());

  private final Map<Long, AccountSessions> byAccount = new ConcurrentHashMap<>();

  @Resource
  ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "kosync.websocket.max-sessions-per-user", defaultValue = "20")
  int maxSessionsPerUser;

  @Inject
  @ConfigProperty(name = "kosync.websocket.max-queued-chars", defaultValue = "262144")
  int maxQueuedChars;

  /** Empty when the account already has its maximum of open sessions. */
  public Optional<LiveSession> open(long accountId, Session session, Instant tokenExpires) {
    var live = new LiveSession(
        session,
        accountId,
        tokenExpires,
        new Outbox(session, maxQueuedChars, executor),
        Instant.now());
    var after = byAccount.compute(accountId, (id, sessions) -> {
      var current = sessions == null ? AccountSessions.NONE : sessions;
      return current.open().size() >= maxSessionsPerUser ? sessions : current.opened(live);
    });
    return after != null && after.open().contains(live) ? Optional.of(live) : Optional.empty();
  }

  /**
   * Sends the refusal and closes with 1008 once it is out, off the opening thread. Closing inside
   * the handshake's own callback was followed, once, by Payara answering a later plain HTTP
   * request with a 101.
   */
  public void refuse(Session session, String refusal) {
    new Outbox(session, maxQueuedChars, executor)
        .sendThenClose(refusal, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Refused"));
  }

  /** Subscribing twice is subscribing once; a session that has closed stays closed. */
  public void subscribe(LiveSession session) {
    byAccount.computeIfPresent(session.accountId(), (id, sessions) -> sessions.subscribed(session));
  }

  public void close(LiveSession session) {
    byAccount.computeIfPresent(
        session.accountId(), (id, sessions) -> sessions.closed(session).orElse(null));
  }

  public boolean hasSubscribers(long accountId) {
    return !byAccount.getOrDefault(accountId, AccountSessions.NONE).subscribed().isEmpty();
  }

  /**
   * Queues {@code text} on every subscribed session of the account; never waits for a socket.
   * Answers how many it was queued on.
   */
  public int sendToSubscribers(long accountId, String text) {
    var subscribed = byAccount.getOrDefault(accountId, AccountSessions.NONE).subscribed();
    subscribed.forEach(live -> live.outbox().send(text));
    return subscribed.size();
  }

  @PostConstruct
  void meter() {
    // a function of the map, not of this bean: a gauge must not keep a proxy's target alive
    Gauge.builder("kosync.websocket.sessions", byAccount, SessionRegistry::countOpen)
        .description("Open WebSocket sessions")
        .register(Meters.REGISTRY);
  }

  public int openSessions() {
    return countOpen(byAccount);
  }

  private static int countOpen(Map<Long, AccountSessions> byAccount) {
    return byAccount.values().stream()
        .mapToInt(sessions -> sessions.open().size())
        .sum();
  }

  boolean isOpen(LiveSession session) {
    return byAccount
        .getOrDefault(session.accountId(), AccountSessions.NONE)
        .open()
        .contains(session);
  }

  boolean isSubscribed(LiveSession session) {
    return byAccount
        .getOrDefault(session.accountId(), AccountSessions.NONE)
        .subscribed()
        .contains(session);
  }

  /**
   * Closes sessions whose token has expired (1008), that stopped answering pings (1001) or that
   * fell behind and stay stuck (1013), drops closed ones, and pings the rest. Closes run on the
   * executor: one may block on a dead connection, and the timer thread must not.
   */
  public void sweep(Instant now, Duration unanswered) {
    var nowNanos = System.nanoTime();
    byAccount
        .values()
        .forEach(sessions -> sessions.open().forEach(live -> {
          var session = live.session();
          live.outbox().closeIfStuck(nowNanos, unanswered.toNanos());
          if (!session.isOpen()) {
            close(live);
          } else if (live.expired(now)) {
            closeLater(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Token expired");
          } else if (live.lastPong().plus(unanswered).isBefore(now)) {
            closeLater(session, CloseReason.CloseCodes.GOING_AWAY, "No answer to pings");
          } else {
            ping(session);
          }
        }));
  }

  private void ping(Session session) {
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException | IllegalStateException e) {
      closeLater(session, CloseReason.CloseCodes.GOING_AWAY, "Ping failed");
    }
  }

  /** Closes every open session of the account (1008 with {@code why}), off the caller's thread. */
  public void closeAll(long accountId, String why) {
    byAccount
        .getOrDefault(accountId, AccountSessions.NONE)
        .open()
        .forEach(live -> closeLater(live.session(), CloseReason.CloseCodes.VIOLATED_POLICY, why));
  }

  private void closeLater(Session session, CloseReason.CloseCode code, String why) {
    executor.execute(() -> {
      try {
        session.close(new CloseReason(code, why));
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.DEBUG, "KOSYNC2102: Closing a session failed: {0}", e.toString());
      }
    });
  }
}
