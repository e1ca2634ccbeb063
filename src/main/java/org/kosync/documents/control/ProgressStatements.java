package org.kosync.documents.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.kosync.documents.entity.ProgressState;
import org.kosync.documents.entity.ProgressUpdate;

/**
 * The two hot paths of the server, a progress push and a progress read, each as one SQL
 * statement over plain JDBC: one statement in auto-commit is atomic on its own, so neither needs
 * a JTA transaction or a persistence context, and the database does one round trip.
 *
 * <p>A push: last write wins, the state it replaces is kept in the history when it ends a sitting
 * ({@link HistorySessions}), and a push without
 * metadata keeps the stored metadata. PostgreSQL does all of it in one statement (run once more
 * when it lost the race of two first pushes); H2, which has no {@code DO UPDATE} and no
 * data-modifying {@code WITH}, copies the previous state and then {@code MERGE}s, in one local
 * transaction.
 */
public final class ProgressStatements {

  // The replaced state ends a sitting (HistorySessions): another device, a pause, or a jump.
  // Parameters: device, device_id, the sitting's cut-off time, percentage, the jump; never null
  // in any column it reads, so "not" of it is exactly "the push continues the sitting".
  static final String ENDS_SITTING = "("
      + "device is distinct from ? or device_id is distinct from ? or updated_at < ? or abs(percentage - ?) > ?"
      + ")";

  // The previous state goes to the history in the same statement, which then changes the row or,
  // when there is none, inserts it. FOR UPDATE makes a concurrent push of the same document wait,
  // then see this one's state as its previous. A first push has no row to lock: when two race, the
  // second one's insert waits for the first, then does nothing, and the statement answers 0 rows:
  // it runs again, and now sees the first push as its previous (an upsert would have overwritten
  // it without keeping it). The copy and the update read "previous", so both see the old state.
  static final String POSTGRESQL_UPSERT = """
      with previous as (
        select id, progress, percentage, device, device_id, updated_at from reading_progress
        where account_id = ? and document = ? for update),
      kept as (
        insert into progress_history (progress_id, progress, percentage, device, device_id, recorded_at)
        select id, progress, percentage, device, device_id, updated_at from previous
        where """ + ENDS_SITTING + """
        returning id),
      updated as (
        update reading_progress set
          progress = ?, percentage = ?, device = ?, device_id = ?, metadata = coalesce(?, metadata),
          updated_at = ?
        where id in (select id from previous)
        returning id),
      inserted as (
        insert into reading_progress (account_id, document, progress, percentage, device, device_id, metadata, updated_at)
        select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from previous)
        on conflict (account_id, document) do nothing
        returning id)
      select (select count(*) from kept) + (select count(*) from updated) + (select count(*) from inserted)""";

  // a push that continues the sitting of the stored state keeps nothing: the stored row changes in
  // place, and no other statement is needed. The condition is the negation of the history's one
  // above; a concurrent push that changed the row first makes it false again (PostgreSQL re-reads
  // the row it waited for), and the push goes on to the statement above.
  static final String CONTINUE_SITTING = """
      update reading_progress set
        progress = ?, percentage = ?, device = ?, device_id = ?, metadata = coalesce(?, metadata),
        updated_at = ?
      where account_id = ? and document = ?
        and not (""" + ENDS_SITTING + ")";

  static final String STANDARD_MERGE = """
      merge into reading_progress t
      using (values (cast(? as bigint), cast(? as varchar(128)), cast(? as varchar(2048)), cast(? as double precision),
                     cast(? as varchar(128)), cast(? as varchar(128)), cast(? as varchar(65536)),
                     cast(? as timestamp with time zone)))
        as s (account_id, document, progress, percentage, device, device_id, metadata, updated_at)
      on t.account_id = s.account_id and t.document = s.document
      when matched then update set
        progress = s.progress, percentage = s.percentage, device = s.device, device_id = s.device_id,
        metadata = coalesce(s.metadata, t.metadata), updated_at = s.updated_at
      when not matched then insert (account_id, document, progress, percentage, device, device_id, metadata, updated_at)
        values (s.account_id, s.document, s.progress, s.percentage, s.device, s.device_id, s.metadata, s.updated_at)""";

  static final String KEEP_PREVIOUS = """
      insert into progress_history (progress_id, progress, percentage, device, device_id, recorded_at)
      select id, progress, percentage, device, device_id, updated_at from reading_progress
      where account_id = ? and document = ?
        and (""" + ENDS_SITTING + ")";

  static final String LATEST = """
      select progress, percentage, device, device_id, updated_at from reading_progress
      where account_id = ? and document = ?""";

  private static final String UNIQUE_VIOLATION = "23505";

  private ProgressStatements() {}

  public static void upsert(
      Connection connection,
      long accountId,
      ProgressUpdate update,
      Instant at,
      HistorySessions sessions)
      throws SQLException {
    if (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
      if (sessions.coalesces() && continueSitting(connection, accountId, update, at, sessions)) {
        return;
      }
      // a second run finds the row the first push inserted, so it never needs a third
      if (!upsertKeepingPrevious(connection, accountId, update, at, sessions)) {
        if (!upsertKeepingPrevious(connection, accountId, update, at, sessions)) {
          throw new SQLException("A push found its document neither absent nor present.");
        }
      }
    } else {
      inLocalTransaction(
          connection, () -> mergeKeepingPrevious(connection, accountId, update, at, sessions));
    }
  }

  /** False when a concurrent first push of the same document came first: nothing was changed. */
  private static boolean upsertKeepingPrevious(
      Connection connection,
      long accountId,
      ProgressUpdate update,
      Instant at,
      HistorySessions sessions)
      throws SQLException {
    try (var statement = connection.prepareStatement(POSTGRESQL_UPSERT)) {
      var i = 0;
      statement.setLong(++i, accountId);
      statement.setString(++i, update.document());
      i = sitting(statement, i, update, at, sessions);
      i = state(statement, i, update, at);
      statement.setLong(++i, accountId);
      statement.setString(++i, update.document());
      state(statement, i, update, at);
      try (var changed = statement.executeQuery()) {
        return changed.next() && changed.getLong(1) > 0;
      }
    }
  }

  private static boolean continueSitting(
      Connection connection,
      long accountId,
      ProgressUpdate update,
      Instant at,
      HistorySessions sessions)
      throws SQLException {
    try (var statement = connection.prepareStatement(CONTINUE_SITTING)) {
      var i = state(statement, 0, update, at);
      statement.setLong(++i, accountId);
      statement.setString(++i, update.document());
      sitting(statement, i, update, at, sessions);
      return statement.executeUpdate() == 1;
    }
  }

  /** What tells whether the replaced state ends a sitting, from {@code i + 1} on; the last index set. */
  private static int sitting(
      PreparedStatement statement,
      int i,
      ProgressUpdate update,
      Instant at,
      HistorySessions sessions)
      throws SQLException {
    statement.setString(++i, update.device());
    statement.setString(++i, update.deviceId().orElse(null));
    statement.setObject(++i, sessions.sittingEndsBefore(at));
    statement.setDouble(++i, update.percentage());
    statement.setDouble(++i, HistorySessions.JUMP);
    return i;
  }

  /** progress, percentage, device, device_id, metadata, updated_at from {@code i + 1} on; the last index set. */
  private static int state(PreparedStatement statement, int i, ProgressUpdate update, Instant at)
      throws SQLException {
    statement.setString(++i, update.progress());
    statement.setDouble(++i, update.percentage());
    statement.setString(++i, update.device());
    statement.setString(++i, update.deviceId().orElse(null));
    if (update.metadata().isPresent()) {
      statement.setString(++i, update.metadata().get());
    } else {
      statement.setNull(++i, Types.VARCHAR);
    }
    statement.setObject(++i, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    return i;
  }

  private static void mergeKeepingPrevious(
      Connection connection,
      long accountId,
      ProgressUpdate update,
      Instant at,
      HistorySessions sessions)
      throws SQLException {
    try (var keep = connection.prepareStatement(KEEP_PREVIOUS)) {
      keep.setLong(1, accountId);
      keep.setString(2, update.document());
      sitting(keep, 2, update, at, sessions);
      keep.executeUpdate();
    }
    try {
      merge(connection, accountId, update, at);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // MERGE is not atomic against a concurrent first insert of the same document: the row now
      // exists
      merge(connection, accountId, update, at);
    }
  }

  interface Work {
    void run() throws SQLException;
  }

  /** Inside a JTA transaction the connection is enlisted (auto-commit off): the caller's transaction decides. */
  private static void inLocalTransaction(Connection connection, Work work) throws SQLException {
    if (!connection.getAutoCommit()) {
      work.run();
      return;
    }
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  public static Optional<ProgressState> latest(
      Connection connection, long accountId, String document) throws SQLException {
    try (var statement = connection.prepareStatement(LATEST)) {
      statement.setLong(1, accountId);
      statement.setString(2, document);
      try (var row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new ProgressState(
            document,
            row.getString(1),
            row.getDouble(2),
            row.getString(3),
            Optional.ofNullable(row.getString(4)),
            row.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
  }

  private static void merge(
      Connection connection, long accountId, ProgressUpdate update, Instant at)
      throws SQLException {
    try (var statement = connection.prepareStatement(STANDARD_MERGE)) {
      statement.setLong(1, accountId);
      statement.setString(2, update.document());
      state(statement, 2, update, at);
      statement.executeUpdate();
    }
  }
}
