package org.kosync.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kosync.storage.control.DatabaseSettings;

class DatabasePingTest {

  static DatabaseSettings settings(String url, Duration timeout) {
    return new DatabaseSettings(url, Optional.empty(), Optional.empty(), false, timeout);
  }

  @Test
  void aDatabaseThatAnswersIsUp() {
    var ping = new DatabasePing(settings("jdbc:h2:mem:ping", Duration.ofSeconds(1)));
    assertEquals(Optional.empty(), ping.failure());
  }

  @Test
  void aDatabaseThatIsNotThereIsDownAtOnce() throws IOException {
    int port;
    try (var free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    var ping =
        new DatabasePing(settings("jdbc:postgresql://127.0.0.1:" + port + "/x", Duration.ZERO));
    assertEquals(Duration.ofSeconds(1), ping.deadline());
    var started = System.nanoTime();
    assertTrue(ping.failure().isPresent());
    assertTrue(System.nanoTime() - started < 2_000_000_000L);
  }

  @Test
  void aDatabaseThatKeepsSilentIsDownAfterTheDeadline() throws IOException {
    // accepts the connection and never says a word, like a frozen server
    try (var silent = new ServerSocket(0)) {
      var ping = new DatabasePing(settings(
          "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x", Duration.ofSeconds(1)));
      var started = System.nanoTime();
      assertTrue(ping.failure().isPresent());
      assertTrue(System.nanoTime() - started < 3_000_000_000L);
    }
  }
}
