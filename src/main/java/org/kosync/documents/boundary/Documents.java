package org.kosync.documents.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.kosync.documents.entity.ProgressState;
import org.kosync.documents.entity.ProgressUpdate;
import org.kosync.documents.entity.ReadingProgress;

@ApplicationScoped
@Transactional
public class Documents {

  // PostgreSQL and H2 (PostgreSQL mode) both know ON CONFLICT DO NOTHING, H2 only without a conflict target;
  // (account_id, document) is the only constraint an insert can collide with
  private static final String INSERT_IF_ABSENT = """
      insert into reading_progress (account_id, document, progress, percentage, device, device_id, metadata, updated_at)
      values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      on conflict do nothing""";

  @PersistenceContext
  EntityManager em;

  /** Stores the position and answers the server time it was recorded at (whole seconds, as the protocol counts). */
  public Instant record(long accountId, ProgressUpdate update) {
    var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var existing = lockedProgress(accountId, update.document());
    if (existing.isPresent()) {
      existing.get().advanceTo(update, now);
    } else if (!insertIfAbsent(accountId, update, now)) {
      // another request created it between our read and our insert: we still win, as the later write
      lockedProgress(accountId, update.document()).orElseThrow().advanceTo(update, now);
    }
    return now;
  }

  public Optional<ProgressState> latest(long accountId, String document) {
    return em.createNamedQuery(ReadingProgress.BY_ACCOUNT_AND_DOCUMENT, ReadingProgress.class)
        .setParameter("accountId", accountId)
        .setParameter("document", document)
        .getResultStream()
        .findFirst()
        .map(ReadingProgress::state);
  }

  private Optional<ReadingProgress> lockedProgress(long accountId, String document) {
    return em.createNamedQuery(ReadingProgress.BY_ACCOUNT_AND_DOCUMENT, ReadingProgress.class)
        .setParameter("accountId", accountId)
        .setParameter("document", document)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  private boolean insertIfAbsent(long accountId, ProgressUpdate update, Instant at) {
    return em.createNativeQuery(INSERT_IF_ABSENT)
            .setParameter(1, accountId)
            .setParameter(2, update.document())
            .setParameter(3, update.progress())
            .setParameter(4, update.percentage())
            .setParameter(5, update.device())
            .setParameter(6, update.deviceId().orElse(null))
            .setParameter(7, update.metadata().orElse(null))
            .setParameter(8, at)
            .executeUpdate()
        == 1;
  }
}
