package org.kosync.operations.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.kosync.storage.control.ConfiguredDataSource;
import org.kosync.storage.control.DatabaseSettings;

/**
 * Whether the database answers {@code select 1} within {@code kosync.db.timeout}, asked on a
 * connection of its own. Not from the pool: a pooled connection that broke in an outage can stay
 * in the pool until a transaction fails on it, and a load balancer that stopped sending requests
 * because readiness was DOWN would then keep it DOWN after the database came back.
 */
public final class DatabasePing {

  // kosync.db.timeout=PT0S lets requests wait for ever; a probe must still answer
  private static final Duration UNBOUNDED_FALLBACK = Duration.ofSeconds(1);

  private final DatabaseSettings settings;

  public DatabasePing(DatabaseSettings settings) {
    this.settings =
        settings.timeout().isZero() ? settings.withTimeout(UNBOUNDED_FALLBACK) : settings;
  }

  /** Connecting, logging in and the answer each wait at most this long. */
  public Duration deadline() {
    return settings.timeout();
  }

  /** Empty if the database answered. */
  public Optional<SQLException> failure() {
    try (var connection = ConfiguredDataSource.unpooled(settings);
        var statement = connection.createStatement()) {
      statement.setQueryTimeout((int) Math.max(1, deadline().toSeconds()));
      statement.execute("select 1");
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    }
  }
}
