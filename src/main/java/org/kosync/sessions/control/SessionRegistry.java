package org.kosync.sessions.control;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.entity.DocumentChanged;
import org.kosync.rpc.control.Messages;

/** Subscribed sessions per account, and the announce of every committed change to them. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // no container lock serialising every broadcast
public class SessionRegistry {

  public static final String USER_DOCUMENTS = "user.documents";
  private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());

  private final Map<Long, Set<Session>> subscribed = new ConcurrentHashMap<>();

  @Inject
  Documents documents;

  @Resource
  ManagedExecutorService executor;

  /** Subscribing twice is subscribing once. */
  public void subscribe(long accountId, Session session) {
    subscribed.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(session);
  }

  public void remove(long accountId, Session session) {
    subscribed.computeIfPresent(accountId, (id, sessions) -> {
      sessions.remove(session);
      return sessions.isEmpty() ? null : sessions;
    });
  }

  public int subscriptions() {
    return subscribed.values().stream().mapToInt(Set::size).sum();
  }

  // public: on a session bean an observer must be a business method
  public void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged change) {
    var sessions = subscribed.get(change.accountId());
    if (sessions == null || sessions.isEmpty()) {
      return;
    }
    // the writer's request only hands the work over; reading the document and sending happen elsewhere
    executor.execute(() -> documents.view(change.accountId(), change.document()).ifPresent(view -> {
      var text = Messages.pubsub(USER_DOCUMENTS, DocumentJson.announced(view), "");
      sessions.stream().filter(Session::isOpen).forEach(s -> s.getAsyncRemote().sendText(text, result -> {
        if (!result.isOK()) {
          LOG.log(Level.WARNING, "An announce could not be sent: {0}", result.getException().toString());
        }
      }));
    }));
  }
}
