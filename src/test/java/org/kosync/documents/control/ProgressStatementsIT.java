package org.kosync.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.documents.entity.ProgressUpdate;

/**
 * The push statement on PostgreSQL, where pushes race: in a database of its own, migrated by the
 * real changelog (no server needed).
 */
class ProgressStatementsIT {

  final String database = "kosync_race_" + UUID.randomUUID().toString().replace("-", "");
  long accountId;

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
            + System.getProperty("it.db.port", "5432") + "/" + database,
        System.getProperty("it.db.user", "postgres"),
        System.getProperty("it.db.password", ""));
  }

  @BeforeEach
  void migrate() throws Exception {
    try (var admin = connect("postgres");
        var create = admin.createStatement()) {
      create.execute("create database " + database);
    }
    try (var connection = connect(database)) {
      var liquibase = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(Map.of("liquibase.analytics.enabled", false), () -> {
        new Liquibase(
                "changelog.xml",
                new DirectoryResourceAccessor(java.nio.file.Path.of("liquibase")),
                liquibase)
            .update("");
      });
      connection.setAutoCommit(true); // Liquibase leaves it off
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
  }

  @AfterEach
  void drop() throws SQLException {
    try (var admin = connect("postgres");
        var drop = admin.createStatement()) {
      drop.execute("drop database if exists " + database + " with (force)");
    }
  }

  static ProgressUpdate push(String progress) {
    return new ProgressUpdate("doc", progress, 0.5, "Kobo", Optional.empty(), Optional.empty());
  }

  @Test
  void twoFirstPushesThatRaceAreBothKept() throws Exception {
    // found by ProgressInterleavingsIT: the second of two racing first pushes overwrote the first,
    // which was acknowledged and then neither the position nor in the history
    try (var first = connect(database);
        var second = connect(database);
        var watcher = connect(database)) {
      first.setAutoCommit(false);
      ProgressStatements.upsert(
          first, accountId, push("first"), Instant.ofEpochSecond(100), HistorySessions.EVERY_PUSH);
      pushWhileTheFirstHoldsItsLock(first, second, watcher);
      assertEquals(
          "second",
          ProgressStatements.latest(watcher, accountId, "doc").orElseThrow().progress());
      assertEquals(List.of("first"), history(watcher));
    }
  }

  /** "second" is pushed while {@code first}'s transaction holds the document; then first commits. */
  private void pushWhileTheFirstHoldsItsLock(
      Connection first, Connection second, Connection watcher) throws Exception {
    var racing = CompletableFuture.runAsync(() -> {
      try {
        ProgressStatements.upsert(
            second,
            accountId,
            push("second"),
            Instant.ofEpochSecond(200),
            HistorySessions.EVERY_PUSH);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    awaitWaitingForALock(watcher);
    first.commit();
    racing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPushThatWaitsKeepsTheStateItWaitedFor() throws Exception {
    try (var first = connect(database);
        var second = connect(database);
        var watcher = connect(database)) {
      ProgressStatements.upsert(
          first, accountId, push("zero"), Instant.ofEpochSecond(50), HistorySessions.EVERY_PUSH);
      first.setAutoCommit(false);
      ProgressStatements.upsert(
          first, accountId, push("first"), Instant.ofEpochSecond(100), HistorySessions.EVERY_PUSH);
      pushWhileTheFirstHoldsItsLock(first, second, watcher);
      assertEquals(List.of("zero", "first"), history(watcher));
    }
  }

  static void awaitWaitingForALock(Connection watcher) throws Exception {
    var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (var rows = watcher
          .createStatement()
          .executeQuery("select count(*) from pg_stat_activity"
              + " where datname = current_database() and wait_event_type = 'Lock'")) {
        rows.next();
        if (rows.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(false, "the second push never waited for the first");
  }

  static List<String> history(Connection connection) throws SQLException {
    try (var rows = connection
        .createStatement()
        .executeQuery("select progress from progress_history order by recorded_at")) {
      var progress = new java.util.ArrayList<String>();
      while (rows.next()) {
        progress.add(rows.getString(1));
      }
      return progress;
    }
  }

  @Test
  void aSittingOnOneDeviceIsOneEntryAndAnotherDeviceAPauseOrAJumpStartANewOne() throws Exception {
    try (var connection = connect(database)) {
      Sittings.pushTheEvening(connection, accountId);
      assertEquals(Sittings.KEPT, history(connection));
      assertEquals(
          Sittings.LATEST,
          ProgressStatements.latest(connection, accountId, "doc").orElseThrow().progress());
    }
  }
}
