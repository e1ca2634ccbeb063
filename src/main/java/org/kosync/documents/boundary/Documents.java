package org.kosync.documents.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.documents.control.HistorySessions;
import org.kosync.documents.control.NewestHistory;
import org.kosync.documents.control.ProgressStatements;
import org.kosync.documents.control.StatementMeters;
import org.kosync.documents.control.Titles;
import org.kosync.documents.entity.DocumentChanged;
import org.kosync.documents.entity.DocumentRenamed;
import org.kosync.documents.entity.DocumentView;
import org.kosync.documents.entity.ProgressHistoryEntry;
import org.kosync.documents.entity.ProgressState;
import org.kosync.documents.entity.ProgressUpdate;
import org.kosync.documents.entity.ReadingProgress;
import org.kosync.problems.control.DatabaseFailures;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.storage.boundary.KosyncDataSource;

/**
 * Reading positions. A push and a read are single statements (see {@link ProgressStatements}),
 * atomic without a JTA transaction: SUPPORTS joins one if a caller has it, else auto-commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Documents {

  @Resource(lookup = KosyncDataSource.NAME)
  DataSource dataSource;

  @PersistenceContext
  EntityManager em;

  // observed after commit (in auto-commit, right after the statement): a rolled-back change is
  // never announced
  @Inject
  Event<DocumentChanged> changed;

  @Inject
  @ConfigProperty(name = "kosync.history.session-gap", defaultValue = "PT30M")
  Duration sessionGap;

  @Inject
  @ConfigProperty(name = "kosync.history.in-lists", defaultValue = "10")
  int historyInLists;

  private HistorySessions sessions;
  // the same for every call: the database does not change while the server runs
  private volatile String newestHistory;

  @PostConstruct
  void init() {
    sessions = new HistorySessions(sessionGap);
  }

  /** Stores the position and answers the server time it was recorded at (the protocol shows whole seconds). */
  public Instant record(long accountId, ProgressUpdate update) {
    // kept to the microsecond (what both databases store), so "newest first" has no ties within a
    // second
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try (var held = StatementMeters.connection(dataSource)) {
      StatementMeters.PUSH.record(
          () -> ProgressStatements.upsert(held.connection(), accountId, update, now, sessions));
    } catch (SQLException e) {
      if (DatabaseFailures.isMissingReference(e)) {
        // the account was deleted after this request authenticated: a permanent failure, so 401
        throw new SyncException(SyncError.UNAUTHORIZED);
      }
      throw new PersistenceException("Could not store the reading position", e);
    }
    // only once the connection is back in the pool: whatever it held is committed, so the announce
    // reads it
    changed.fire(new DocumentChanged(accountId, update.document()));
    return now;
  }

  /**
   * Every document of the account, most recently updated first, each with its newest {@code
   * historyLimit} earlier states, or {@code kosync.history.in-lists} of them when absent; with 0,
   * the history is not read at all (a list of a large library, as the web page shows it). A
   * document's whole history is {@link #withHistory(long, String)}.
   */
  public List<DocumentView> all(long accountId, OptionalInt historyLimit) {
    var documents = em.createNamedQuery(
            ReadingProgress.BY_ACCOUNT_NEWEST_FIRST, ReadingProgress.class)
        .setParameter("accountId", accountId)
        .getResultList();
    var limit = historyLimit.orElse(historyInLists);
    if (limit == 0) {
      return documents.stream().map(p -> view(p, List.of())).toList();
    }
    List<?> newest = em.createNativeQuery(newestHistory(), ProgressHistoryEntry.class)
        .setParameter(1, accountId)
        .setParameter(2, limit)
        .getResultList();
    var histories = newest.stream()
        .map(ProgressHistoryEntry.class::cast)
        .collect(Collectors.groupingBy(ProgressHistoryEntry::progressId));
    return documents.stream()
        .map(p -> view(p, histories.getOrDefault(p.id(), List.of())))
        .toList();
  }

  private String newestHistory() {
    if (newestHistory == null) {
      try (var connection = dataSource.getConnection()) {
        newestHistory = NewestHistory.query(connection.getMetaData().getDatabaseProductName());
      } catch (SQLException e) {
        throw new PersistenceException("Could not read the history", e);
      }
    }
    return newestHistory;
  }

  /** One document of the account with its whole history. */
  public Optional<DocumentView> withHistory(long accountId, String document) {
    return find(accountId, document).map(this::withHistory);
  }

  private Optional<ReadingProgress> find(long accountId, String document) {
    return em.createNamedQuery(ReadingProgress.BY_ACCOUNT_AND_DOCUMENT, ReadingProgress.class)
        .setParameter("accountId", accountId)
        .setParameter("document", document)
        .getResultStream()
        .findFirst();
  }

  private DocumentView withHistory(ReadingProgress progress) {
    var history = em.createNamedQuery(
            ProgressHistoryEntry.OF_PROGRESS_NEWEST_FIRST, ProgressHistoryEntry.class)
        .setParameter("progressId", progress.id())
        .getResultList();
    return view(progress, history);
  }

  /** The owner is the caller, never the body: another account's document is simply not found. */
  @Transactional(Transactional.TxType.REQUIRED)
  public DocumentView rename(long accountId, DocumentRenamed renamed) {
    var progress = find(accountId, renamed.document())
        .orElseThrow(() -> new SyncException(SyncError.DOCUMENT_NOT_FOUND));
    progress.rename(renamed.prettyName());
    changed.fire(new DocumentChanged(accountId, renamed.document()));
    return withHistory(progress);
  }

  private static DocumentView view(ReadingProgress progress, List<ProgressHistoryEntry> history) {
    var latest = progress.state();
    var name =
        progress.prettyName().or(() -> Titles.fromMetadata(progress.metadata())).orElse("");
    return new DocumentView(
        latest, name, history.stream().map(h -> h.state(latest.document())).toList());
  }

  /** One document as the API shows it, if the account has it. */
  public Optional<DocumentView> view(long accountId, String document) {
    return find(accountId, document).map(p -> view(p, List.of()));
  }

  public Optional<ProgressState> latest(long accountId, String document) {
    try (var held = StatementMeters.connection(dataSource)) {
      return StatementMeters.READ.record(
          () -> ProgressStatements.latest(held.connection(), accountId, document));
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the reading position", e);
    }
  }
}
