package org.kosync.problems.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  @Test
  void connectionFailuresAnywhereInTheChain() {
    assertTrue(
        DatabaseFailures.isUnreachable(new RuntimeException(new SQLException("refused", "08001"))));
    assertTrue(DatabaseFailures.isUnreachable(
        new RuntimeException(new ConnectException("Connection refused"))));
    assertTrue(DatabaseFailures.isUnreachable(
        new SQLException("terminating connection due to administrator command", "57P01")));
    assertTrue(
        DatabaseFailures.isUnreachable(new IllegalStateException(new FakeResourceException())));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(DatabaseFailures.isUnreachable(
        new SQLIntegrityConstraintViolationException("duplicate", "23505")));
    assertFalse(DatabaseFailures.isUnreachable(new IllegalStateException("bug")));
    assertFalse(DatabaseFailures.isUnreachable(new SQLException("syntax", "42601")));
  }

  @Test
  void foreignKeyViolations() {
    assertTrue(
        DatabaseFailures.isMissingReference(new RuntimeException(new SQLException("fk", "23503"))));
    assertFalse(DatabaseFailures.isMissingReference(new SQLException("unique", "23505")));
  }

  /** PostgreSQL's driver reports a broken socket as an SQLException without a SQL state. */
  @Test
  void failuresWithoutASqlStateAreClassifiedByTheirCauses() {
    var brokenSocket = new SQLException(
        "An I/O error occurred while sending to the backend.",
        (String) null,
        new java.net.SocketException("reset"));
    assertFalse(DatabaseFailures.isMissingReference(brokenSocket));
    assertTrue(DatabaseFailures.isUnreachable(new RuntimeException(brokenSocket)));
    var unknown = new SQLException("no state");
    assertFalse(DatabaseFailures.isMissingReference(unknown));
    assertFalse(DatabaseFailures.isUnreachable(unknown));
  }

  static class FakeResourceException extends Exception {}
}
