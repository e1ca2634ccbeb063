package org.kosync.documents.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps each document's history to its last {@code kosync.history.keep} states. Pruning runs in a
 * timer, never on the push path; a non-persistent timer, so there is no timer store and no burst
 * of missed runs after downtime.
 */
@Startup
@Singleton
// no container lock: the liveness check reads lastRun() while a prune may be waiting for the
// database, and two prunes at once would only delete the same rows
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HistoryJanitor {

  private static final System.Logger LOG = System.getLogger(HistoryJanitor.class.getName());
  static final String PRUNE = """
      delete from progress_history where id in (
        select id from (
          select id, row_number() over (partition by progress_id order by id desc) as newer_states
          from progress_history) ranked
        where newer_states > ?1)""";

  @Resource
  TimerService timers;

  @PersistenceContext
  EntityManager em;

  @Inject
  @ConfigProperty(name = "kosync.history.keep", defaultValue = "100")
  int keep;

  @Inject
  @ConfigProperty(name = "kosync.history.prune-interval", defaultValue = "PT10M")
  Duration interval;

  private volatile Instant lastRun;

  @PostConstruct
  void schedule() {
    lastRun = Instant.now();
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig(null, false));
  }

  @Timeout
  void prune() {
    lastRun = Instant.now();
    var pruned = em.createNativeQuery(PRUNE).setParameter(1, keep).executeUpdate();
    if (pruned > 0) {
      LOG.log(
          Level.DEBUG,
          "KOSYNC3101: Pruned {0} history states beyond the last {1} per document",
          pruned,
          keep);
    }
  }

  /** When the timer last fired (its work may have failed), or when it was set up. */
  public Instant lastRun() {
    return lastRun;
  }

  public Duration interval() {
    return interval;
  }
}
