package org.kosync.sessions.control;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.entity.DocumentChanged;
import org.kosync.rpc.control.Messages;

/**
 * Open WebSocket sessions per account and which of them subscribed to {@code user.documents};
 * the announce of every committed change; and the housekeeping the janitor triggers.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // no container lock serialising every broadcast
public class SessionRegistry {

  public static final String USER_DOCUMENTS = "user.documents";
  private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());

  private final Map<Long, Set<LiveSession>> open = new ConcurrentHashMap<>();
  private final Map<Long, Set<LiveSession>> subscribed = new ConcurrentHashMap<>();

  @Inject
  Documents documents;

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
    var sessions = open.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet());
    var live = new LiveSession(session, accountId, tokenExpires, new Outbox(session, maxQueuedChars, executor), Instant.now());
    synchronized (sessions) {
      if (sessions.size() >= maxSessionsPerUser) {
        return Optional.empty();
      }
      sessions.add(live);
    }
    return Optional.of(live);
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

  /** Subscribing twice is subscribing once. */
  public void subscribe(LiveSession session) {
    subscribed.computeIfAbsent(session.accountId(), id -> ConcurrentHashMap.newKeySet()).add(session);
  }

  public void close(LiveSession session) {
    removeFrom(open, session);
    removeFrom(subscribed, session);
  }

  private static void removeFrom(Map<Long, Set<LiveSession>> byAccount, LiveSession session) {
    byAccount.computeIfPresent(session.accountId(), (id, sessions) -> {
      sessions.remove(session);
      return sessions.isEmpty() ? null : sessions;
    });
  }

  public int openSessions() {
    return open.values().stream().mapToInt(Set::size).sum();
  }

  // public: on a session bean an observer must be a business method
  public void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged change) {
    var sessions = subscribed.get(change.accountId());
    if (sessions == null || sessions.isEmpty()) {
      return;
    }
    // the writer's request only hands the work over; reading the document and queueing happen elsewhere
    executor.execute(() -> {
      try {
        documents.view(change.accountId(), change.document()).ifPresent(view -> {
          var text = Messages.pubsub(USER_DOCUMENTS, DocumentJson.announced(view), "");
          sessions.forEach(live -> live.outbox().send(text));
        });
      } catch (RuntimeException e) { // nobody else would see it: the writer has its answer already
        LOG.log(Level.WARNING, "An announce was lost: {0}", e.toString());
      }
    });
  }

  /**
   * Closes sessions whose token has expired (1008), that stopped answering pings (1001) or that
   * fell behind and stay stuck (1013), drops closed ones, and pings the rest.
   */
  public void sweep(Instant now, Duration unanswered) {
    var nowNanos = System.nanoTime();
    open.values().forEach(sessions -> sessions.forEach(live -> {
      var session = live.session();
      live.outbox().closeIfStuck(nowNanos, unanswered.toNanos());
      if (!session.isOpen()) {
        close(live);
      } else if (live.expired(now)) {
        closeQuietly(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Token expired");
      } else if (live.lastPong().plus(unanswered).isBefore(now)) {
        closeQuietly(session, CloseReason.CloseCodes.GOING_AWAY, "No answer to pings");
      } else {
        ping(session);
      }
    }));
  }

  private static void ping(Session session) {
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException | IllegalStateException e) {
      closeQuietly(session, CloseReason.CloseCodes.GOING_AWAY, "Ping failed");
    }
  }

  private static void closeQuietly(Session session, CloseReason.CloseCode code, String why) {
    try {
      session.close(new CloseReason(code, why));
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Closing a session failed: {0}", e.toString());
    }
  }
}
