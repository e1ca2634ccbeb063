package org.kosync.rpc.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.entity.DocumentChanged;
import org.kosync.meters.control.Meters;
import org.kosync.sessions.control.SessionRegistry;

/**
 * PubSub {@code user.documents}: every committed change to a document is read back and announced
 * to the subscribed sessions of its account. A rolled-back change is never observed.
 */
// a CDI bean, not a session bean: the observer runs on every push, and a session bean's call
// costs a container transaction and an interceptor chain even when nobody is subscribed
@ApplicationScoped
public class Announcer {

  private static final System.Logger LOG = System.getLogger(Announcer.class.getName());
  // from the commit to the frame queued on every subscribed session
  private static final Timer DELAY = Timer.builder("kosync.websocket.announce.delay")
      .serviceLevelObjectives(
          Duration.ofMillis(1),
          Duration.ofMillis(5),
          Duration.ofMillis(10),
          Duration.ofMillis(50),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          Duration.ofSeconds(1))
      .register(Meters.REGISTRY);
  private static final Counter ANNOUNCES = Counter.builder("kosync.websocket.announces")
      .description("Announce frames queued, one per subscribed session")
      .register(Meters.REGISTRY);

  @Inject
  SessionRegistry registry;

  @Inject
  Documents documents;

  @Resource
  ManagedExecutorService executor;

  public void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged change) {
    if (!registry.hasSubscribers(change.accountId())) {
      return;
    }
    var committed = System.nanoTime();
    // the writer's request only hands the work over; reading the document and queueing happen
    // elsewhere
    executor.execute(() -> {
      try {
        documents.view(change.accountId(), change.document()).ifPresent(view -> {
          var sessions = registry.sendToSubscribers(
              change.accountId(),
              Messages.pubsub(Messages.USER_DOCUMENTS, DocumentJson.announced(view), ""));
          DELAY.record(System.nanoTime() - committed, TimeUnit.NANOSECONDS);
          ANNOUNCES.increment(sessions);
        });
      } catch (RuntimeException e) { // nobody else would see it: the writer has its answer already
        LOG.log(Level.WARNING, "KOSYNC2101: An announce was lost: {0}", e.toString());
      }
    });
  }
}
