package org.kosync.rpc.control;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.entity.DocumentChanged;
import org.kosync.sessions.control.SessionRegistry;

/**
 * PubSub {@code user.documents}: every committed change to a document is read back and announced
 * to the subscribed sessions of its account. A rolled-back change is never observed.
 */
@Singleton
@ConcurrencyManagement(
    ConcurrencyManagementType.BEAN) // no container lock serialising every announce
public class Announcer {

  private static final System.Logger LOG = System.getLogger(Announcer.class.getName());

  @Inject
  SessionRegistry registry;

  @Inject
  Documents documents;

  @Resource
  ManagedExecutorService executor;

  // public: on a session bean an observer must be a business method
  public void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged change) {
    if (!registry.hasSubscribers(change.accountId())) {
      return;
    }
    // the writer's request only hands the work over; reading the document and queueing happen
    // elsewhere
    executor.execute(() -> {
      try {
        documents
            .view(change.accountId(), change.document())
            .ifPresent(view -> registry.sendToSubscribers(
                change.accountId(),
                Messages.pubsub(Messages.USER_DOCUMENTS, DocumentJson.announced(view), "")));
      } catch (RuntimeException e) { // nobody else would see it: the writer has its answer already
        LOG.log(Level.WARNING, "An announce was lost: {0}", e.toString());
      }
    });
  }
}
