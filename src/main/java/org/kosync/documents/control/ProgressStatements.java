package org.kosync.documents.control;

import java.sql.Connection;
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
 * <p>A push: last write wins, and a push without metadata keeps the stored metadata. PostgreSQL
 * gets {@code INSERT … ON CONFLICT DO UPDATE} (safe under concurrent first inserts); H2 gets the
 * standard {@code MERGE}, as it has no {@code DO UPDATE}.
 */
public final class ProgressStatements {

  static final String POSTGRESQL_UPSERT = """
      insert into reading_progress (account_id, document, progress, percentage, device, device_id, metadata, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (account_id, document) do update set
        progress = excluded.progress, percentage = excluded.percentage, device = excluded.device,
        device_id = excluded.device_id, metadata = coalesce(excluded.metadata, reading_progress.metadata),
        updated_at = excluded.updated_at""";

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

  static final String LATEST = """
      select progress, percentage, device, device_id, updated_at from reading_progress
      where account_id = ? and document = ?""";

  private static final String UNIQUE_VIOLATION = "23505";

  private ProgressStatements() {}

  public static void upsert(Connection connection, long accountId, ProgressUpdate update, Instant at) throws SQLException {
    var sql = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL") ? POSTGRESQL_UPSERT : STANDARD_MERGE;
    try {
      execute(connection, sql, accountId, update, at);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // MERGE is not atomic against a concurrent first insert of the same document: the row now exists
      execute(connection, sql, accountId, update, at);
    }
  }

  public static Optional<ProgressState> latest(Connection connection, long accountId, String document) throws SQLException {
    try (var statement = connection.prepareStatement(LATEST)) {
      statement.setLong(1, accountId);
      statement.setString(2, document);
      try (var row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new ProgressState(document, row.getString(1), row.getDouble(2), row.getString(3),
            Optional.ofNullable(row.getString(4)), row.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
  }

  private static void execute(Connection connection, String sql, long accountId, ProgressUpdate update, Instant at)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      statement.setLong(1, accountId);
      statement.setString(2, update.document());
      statement.setString(3, update.progress());
      statement.setDouble(4, update.percentage());
      statement.setString(5, update.device());
      statement.setString(6, update.deviceId().orElse(null));
      if (update.metadata().isPresent()) {
        statement.setString(7, update.metadata().get());
      } else {
        statement.setNull(7, Types.VARCHAR);
      }
      statement.setObject(8, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      statement.executeUpdate();
    }
  }
}
