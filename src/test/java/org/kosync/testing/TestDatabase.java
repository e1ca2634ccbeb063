package org.kosync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** Direct JDBC to the PostgreSQL the server uses, to check what was (or was not) stored. */
public final class TestDatabase {

  private TestDatabase() {}

  public static Connection connect() throws SQLException {
    return connect(name());
  }

  /** Creates the test database if it is missing, so that {@code mvn verify} needs no manual step. */
  static void ensureExists() throws SQLException {
    try (var connection = connect("postgres");
        var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name());
      try (var rows = exists.executeQuery()) {
        if (!rows.next()) {
          try (var create = connection.createStatement()) {
            create.execute("create database \"" + name().replace("\"", "\"\"") + "\"");
          }
        }
      }
    }
  }

  /** An empty database {@code name}: dropped (with whoever is connected) and created again. */
  public static void recreate(String name) throws SQLException {
    var quoted = "\"" + name.replace("\"", "\"\"") + "\"";
    try (var connection = connect("postgres");
        var statement = connection.createStatement()) {
      statement.execute("drop database if exists " + quoted + " with (force)");
      statement.execute("create database " + quoted);
    }
  }

  private static String name() {
    return System.getProperty("it.db.name", "kosync_test");
  }

  /** The JDBC URL of {@code database} on the test PostgreSQL ({@code it.db.host}, {@code it.db.port}). */
  public static String url(String database) {
    return "jdbc:postgresql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
        + System.getProperty("it.db.port", "5432") + "/" + database;
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        url(database),
        System.getProperty("it.db.user", "postgres"),
        System.getProperty("it.db.password", ""));
  }

  public static Optional<String> queryString(String sql, Object... parameters) throws SQLException {
    try (var connection = connect();
        var statement = connection.prepareStatement(sql)) {
      for (var i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  public static long count(String sql, Object... parameters) throws SQLException {
    return Long.parseLong(queryString(sql, parameters).orElse("0"));
  }
}
