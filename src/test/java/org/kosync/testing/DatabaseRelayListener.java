package org.kosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before Arquillian starts the server (which connects at deployment): creates the test database
 * if needed and opens the relay the server reaches it through. Only under failsafe.
 */
public class DatabaseRelayListener implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("it.db.relay.port") == null) {
      return; // unit tests
    }
    try {
      TestDatabase.ensureExists();
      DatabaseRelay.startFromSystemProperties();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the database relay", e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot reach PostgreSQL for the integration tests (-Dit.db.host/-Dit.db.port/-Dit.db.user)",
          e);
    }
  }
}
