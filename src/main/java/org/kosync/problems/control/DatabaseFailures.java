package org.kosync.problems.control;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells "the database cannot be reached" apart from other failures by walking the cause chain:
 * JDBC connection errors (SQLState class 08), PostgreSQL's shutdown / not-accepting states, socket
 * failures, and a connection pool that cannot hand out a connection.
 */
public final class DatabaseFailures {

  // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300
  // too_many_connections
  private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
  private static final String CONNECTION_EXCEPTION_CLASS = "08";
  // pools (IronJacamar on WildFly, Payara's) signal "no connection" with a resource exception
  private static final String RESOURCE_EXCEPTION = "ResourceException";
  private static final Set<String> FOREIGN_KEY_VIOLATIONS = Set.of("23503", "23506");
  private static final int MAX_DEPTH = 32;

  private DatabaseFailures() {}

  public static boolean isUnreachable(Throwable failure) {
    var depth = 0;
    for (var t = failure; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException
          || t instanceof SocketException
          || isResourceException(t.getClass())) {
        return true;
      }
      if (t instanceof SQLException sql && isUnreachableState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A foreign key violation (PostgreSQL 23503, H2 23506): the row it pointed at is gone. */
  public static boolean isMissingReference(Throwable failure) {
    var depth = 0;
    for (var t = failure; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && FOREIGN_KEY_VIOLATIONS.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  public static String rootMessage(Throwable failure) {
    var root = rootCause(failure);
    return root.getClass().getName() + ": " + root.getMessage();
  }

  /** The innermost cause (at most {@code MAX_DEPTH} down, so a cyclic chain cannot loop). */
  static Throwable rootCause(Throwable failure) {
    var root = failure;
    var depth = 0;
    while (root.getCause() != null && depth++ < MAX_DEPTH) {
      root = root.getCause();
    }
    return root;
  }

  // Payara's pool throws a ResourceAllocationException, a subclass
  private static boolean isResourceException(Class<?> type) {
    for (var c = type; c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().endsWith(RESOURCE_EXCEPTION)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnreachableState(String state) {
    return state != null
        && (state.startsWith(CONNECTION_EXCEPTION_CLASS) || UNREACHABLE_STATES.contains(state));
  }
}
