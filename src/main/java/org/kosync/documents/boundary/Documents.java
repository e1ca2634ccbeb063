package org.kosync.documents.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.kosync.documents.control.ProgressStatements;
import org.kosync.documents.entity.ProgressState;
import org.kosync.documents.entity.ProgressUpdate;
import org.kosync.problems.control.DatabaseFailures;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.storage.boundary.SchemaMigrations;

/**
 * Reading positions. A push and a read are single statements (see {@link ProgressStatements}),
 * atomic without a JTA transaction: SUPPORTS joins one if a caller has it, else auto-commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Documents {

  @Resource(lookup = SchemaMigrations.DATASOURCE)
  DataSource dataSource;

  /** Stores the position and answers the server time it was recorded at (whole seconds, as the protocol counts). */
  public Instant record(long accountId, ProgressUpdate update) {
    var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (var connection = dataSource.getConnection()) {
      ProgressStatements.upsert(connection, accountId, update, now);
      return now;
    } catch (SQLException e) {
      if (DatabaseFailures.isMissingReference(e)) {
        // the account was deleted after this request authenticated: a permanent failure, so 401
        throw new SyncException(SyncError.UNAUTHORIZED);
      }
      throw new PersistenceException("Could not store the reading position", e);
    }
  }

  public Optional<ProgressState> latest(long accountId, String document) {
    try (var connection = dataSource.getConnection()) {
      return ProgressStatements.latest(connection, accountId, document);
    } catch (SQLException e) {
      throw new PersistenceException("Could not read the reading position", e);
    }
  }
}
