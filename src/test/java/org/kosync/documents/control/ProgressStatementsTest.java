package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.documents.entity.ProgressState;
import org.kosync.documents.entity.ProgressUpdate;
import org.kosync.problems.control.DatabaseFailures;

/**
 * The push and read statements on the embedded H2 database the run command uses, migrated by the real
 * changelog (the PostgreSQL statement runs in every integration test).
 */
class ProgressStatementsTest {

  Connection connection;
  long accountId;

  @BeforeEach
  void migrate() throws Exception {
    connection = DriverManager.getConnection(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    var database = DatabaseFactory.getInstance()
        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
    Scope.child(Map.of("liquibase.analytics.enabled", false), () -> {
      new Liquibase(
              "changelog.xml",
              new DirectoryResourceAccessor(java.nio.file.Path.of("liquibase")),
              database)
          .update("");
    });
    try (var insert = connection.prepareStatement(
        "insert into accounts (username, password_hash, created_at) values ('reader', 'x', current_timestamp)",
        new String[] {"id"})) {
      insert.executeUpdate();
      try (var keys = insert.getGeneratedKeys()) {
        keys.next();
        accountId = keys.getLong(1);
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  static ProgressUpdate push(String progress, double percentage, Optional<String> metadata) {
    return new ProgressUpdate("doc", progress, percentage, "Kobo", Optional.of("ID"), metadata);
  }

  @Test
  void insertsThenLastWriteWinsAndMetadataIsKept() throws Exception {
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[9]", 0.9, Optional.of("{\"title\":\"Dune\"}")),
        Instant.ofEpochSecond(100),
        HistorySessions.EVERY_PUSH);
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[1]", 0.1, Optional.empty()),
        Instant.ofEpochSecond(200),
        HistorySessions.EVERY_PUSH);
    try (var rows = connection
        .createStatement()
        .executeQuery(
            "select progress, percentage, metadata, updated_at, (select count(*) from reading_progress) from reading_progress")) {
      rows.next();
      assertEquals("/p[1]", rows.getString(1));
      assertEquals(0.1, rows.getDouble(2));
      assertEquals("{\"title\":\"Dune\"}", rows.getString(3));
      assertEquals(
          Instant.ofEpochSecond(200),
          rows.getObject(4, java.time.OffsetDateTime.class).toInstant());
      assertEquals(1, rows.getInt(5));
    }
  }

  @Test
  void readsBackWhatWasPushedAndNothingElse() throws Exception {
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[3]", 0.3, Optional.empty()),
        Instant.ofEpochSecond(300),
        HistorySessions.EVERY_PUSH);
    var state = ProgressStatements.latest(connection, accountId, "doc").orElseThrow();
    assertEquals(
        new ProgressState(
            "doc", "/p[3]", 0.3, "Kobo", Optional.of("ID"), Instant.ofEpochSecond(300)),
        state);
    assertEquals(Optional.empty(), ProgressStatements.latest(connection, accountId, "other"));
    assertEquals(Optional.empty(), ProgressStatements.latest(connection, accountId + 1, "doc"));
  }

  @Test
  void everyPushKeepsTheStateItReplaces() throws Exception {
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[1]", 0.1, Optional.empty()),
        Instant.ofEpochSecond(100),
        HistorySessions.EVERY_PUSH);
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[2]", 0.2, Optional.empty()),
        Instant.ofEpochSecond(200),
        HistorySessions.EVERY_PUSH);
    ProgressStatements.upsert(
        connection,
        accountId,
        push("/p[3]", 0.3, Optional.empty()),
        Instant.ofEpochSecond(300),
        HistorySessions.EVERY_PUSH);
    try (var rows = connection
        .createStatement()
        .executeQuery("select progress, recorded_at from progress_history order by id")) {
      rows.next();
      assertEquals("/p[1]", rows.getString(1));
      assertEquals(
          Instant.ofEpochSecond(100),
          rows.getObject(2, java.time.OffsetDateTime.class).toInstant());
      rows.next();
      assertEquals("/p[2]", rows.getString(1));
      assertEquals(false, rows.next());
    }
  }

  @Test
  void deviceIdMayBeAbsent() throws Exception {
    ProgressStatements.upsert(
        connection,
        accountId,
        new ProgressUpdate("doc", "1", 0.5, "Kobo", Optional.empty(), Optional.empty()),
        Instant.now(),
        HistorySessions.EVERY_PUSH);
    try (var rows =
        connection.createStatement().executeQuery("select device_id from reading_progress")) {
      rows.next();
      assertNull(rows.getString(1));
    }
  }

  @Test
  void anUnknownAccountIsAForeignKeyViolation() {
    var failure = assertThrows(
        SQLException.class,
        () -> ProgressStatements.upsert(
            connection,
            accountId + 1000,
            push("1", 0.1, Optional.empty()),
            Instant.now(),
            HistorySessions.EVERY_PUSH));
    assertTrue(DatabaseFailures.isMissingReference(failure), failure.getSQLState());
  }

  @Test
  void aSittingOnOneDeviceIsOneEntryAndAnotherDeviceAPauseOrAJumpStartANewOne() throws Exception {
    {
      Sittings.pushTheEvening(connection, accountId);
      assertEquals(Sittings.KEPT, keptProgress(connection));
      assertEquals(
          Sittings.LATEST,
          ProgressStatements.latest(connection, accountId, "doc").orElseThrow().progress());
    }
  }

  @Test
  void theNewestStatesOfEachDocumentOnH2() throws Exception {
    for (var page = 1; page <= 4; page++) {
      for (var document : List.of("doc", "other")) {
        ProgressStatements.upsert(
            connection,
            accountId,
            new ProgressUpdate(
                document,
                "/p[" + page + "]",
                page / 10.0,
                "Kobo",
                Optional.empty(),
                Optional.empty()),
            Instant.ofEpochSecond(page),
            HistorySessions.EVERY_PUSH);
      }
    }
    try (var query = connection.prepareStatement(NewestHistory.query("H2"))) {
      query.setLong(1, accountId);
      query.setInt(2, 2);
      try (var rows = query.executeQuery()) {
        var newest = new java.util.ArrayList<String>();
        while (rows.next()) {
          newest.add(rows.getLong("progress_id") + rows.getString("progress"));
        }
        var doc = idOf("doc");
        var other = idOf("other");
        assertEquals(
            List.of(other + "/p[3]", doc + "/p[3]", other + "/p[2]", doc + "/p[2]"), newest);
      }
    }
  }

  long idOf(String document) throws SQLException {
    try (var query =
        connection.prepareStatement("select id from reading_progress where document = ?")) {
      query.setString(1, document);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static List<String> keptProgress(Connection connection) throws SQLException {
    try (var rows = connection
        .createStatement()
        .executeQuery("select progress from progress_history order by id")) {
      var progress = new java.util.ArrayList<String>();
      while (rows.next()) {
        progress.add(rows.getString(1));
      }
      return progress;
    }
  }
}
