package org.kosync.documents.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.kosync.meters.control.Meters;
import org.kosync.problems.control.DatabaseOutage;

/**
 * The hot path's database time, for the operator: how long a push or a read waited for a pooled
 * connection ({@code kosync_db_connection_wait_seconds}; the pools are the servers' own, and this is
 * what of them KOsync can see the same way on both), how many connections its statements hold
 * right now, and each statement's time with its count ({@code kosync_progress_pushes_total}, {@code
 * kosync_progress_reads_total}: a statement that failed is not counted).
 */
public final class StatementMeters {

  /** A unit of database work that may fail the way JDBC does. */
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** As {@link Work}, without a result. */
  public interface Step {
    void run() throws SQLException;
  }

  /** A statement kind: its timer and its count of successes. */
  public static final class Statement {
    private final Timer time;
    private final Counter done;

    Statement(String name, String counted) {
      time = Timer.builder("kosync.db.statement")
          .tag("statement", name)
          .serviceLevelObjectives(BUCKETS)
          .register(Meters.REGISTRY);
      done = Counter.builder(counted).register(Meters.REGISTRY);
    }

    public <T> T record(Work<T> work) throws SQLException {
      var started = System.nanoTime();
      try {
        var result = work.run();
        done.increment();
        DatabaseOutage.reachable();
        return result;
      } finally {
        time.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }

    public void record(Step step) throws SQLException {
      record(() -> {
        step.run();
        return null;
      });
    }
  }

  static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofSeconds(1)
  };

  public static final Statement PUSH = new Statement("push", "kosync.progress.pushes");
  public static final Statement READ = new Statement("read", "kosync.progress.reads");
  private static final Timer WAIT = Timer.builder("kosync.db.connection.wait")
      .serviceLevelObjectives(BUCKETS)
      .register(Meters.REGISTRY);
  private static final AtomicInteger HELD = new AtomicInteger();

  static {
    Gauge.builder("kosync.db.connections.held", HELD, AtomicInteger::get)
        .description("Pooled connections KOsync's push and read statements hold right now")
        .register(Meters.REGISTRY);
  }

  private StatementMeters() {}

  /** A connection from the pool, counted while it is held; close it to give it back. */
  public static Held connection(DataSource dataSource) throws SQLException {
    var started = System.nanoTime();
    var connection = dataSource.getConnection();
    WAIT.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    HELD.incrementAndGet();
    return new Held(connection);
  }

  /** A connection taken through {@link #connection(DataSource)}. */
  public record Held(Connection connection) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      try {
        connection.close();
      } finally {
        HELD.decrementAndGet();
      }
    }
  }
}
