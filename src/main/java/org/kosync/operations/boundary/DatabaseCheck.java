package org.kosync.operations.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.kosync.operations.control.DatabasePing;
import org.kosync.operations.control.LatestAnswer;
import org.kosync.problems.control.DatabaseFailures;
import org.kosync.storage.control.DatabaseSettings;

/**
 * Ready while the database answers within {@code kosync.db.timeout}. Its data names the database
 * in use, so that an install that fell back to the embedded H2 database shows it.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

  static final String NAME = "database";
  private static final System.Logger LOG = System.getLogger(DatabaseCheck.class.getName());
  private static final Duration FRESH = Duration.ofSeconds(1);

  @Inject
  Config config;

  private String inUse;
  private Duration deadline;
  private LatestAnswer<Optional<SQLException>> answers;
  private final AtomicBoolean down = new AtomicBoolean();

  @PostConstruct
  void init() {
    var settings = DatabaseSettings.from(config);
    var ping = new DatabasePing(settings);
    inUse = settings.describe();
    deadline = ping.deadline();
    answers = new LatestAnswer<>(() -> logged(ping.failure()), FRESH, Clock.systemUTC());
  }

  @Override
  public HealthCheckResponse call() {
    var failure = answers.get();
    var data = new TreeMap<String, Object>();
    data.put("in-use", inUse);
    // the SQLState only: the driver's message may name hosts, and this endpoint is open to anyone
    failure.ifPresent(
        e -> data.put("failure", "no answer within " + deadline + " (" + code(e) + ")"));
    return new HealthCheckResponse(
        NAME, failure.isPresent() ? Status.DOWN : Status.UP, Optional.of(data));
  }

  private static String code(SQLException e) {
    return e.getSQLState() == null ? e.getClass().getSimpleName() : "SQLState " + e.getSQLState();
  }

  // once when an outage begins and once when it ends, however often probes ask
  private Optional<SQLException> logged(Optional<SQLException> failure) {
    if (failure.isPresent() && down.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "KOSYNC5004: Not ready: the database does not answer ({0})",
          DatabaseFailures.rootMessage(failure.get()));
    } else if (failure.isEmpty() && down.compareAndSet(true, false)) {
      LOG.log(Level.INFO, "KOSYNC5005: Ready: the database answers again");
    }
    return failure;
  }
}
