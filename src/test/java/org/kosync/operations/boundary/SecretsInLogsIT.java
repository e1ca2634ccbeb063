package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kosync.testing.RunsLast;
import org.kosync.testing.SentSecrets;
import org.kosync.testing.ServerLogs;

/**
 * After the whole suite: no credential the tests sent or received — KOReader keys, every Bearer
 * token (valid or forged), WebSocket URI tokens, device-key passwords — and neither the pepper nor
 * the signing key appears in the server's log or its access log.
 */
@RunsLast
class SecretsInLogsIT {

  @Test
  void noSecretIsInAnyLogLine() throws Exception {
    var secrets = new java.util.HashSet<>(SentSecrets.all());
    var dataDir = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    var pepper = dataDir.resolve("pepper");
    if (Files.exists(pepper)) {
      secrets.add(Files.readString(pepper).strip());
    }
    // a scan of none would prove nothing (the whole suite sends thousands; a run of a few classes,
    // a few)
    assertTrue(secrets.size() >= 3, () -> secrets.size() + " secrets collected");
    var logs = ServerLogs.serverLog() + ServerLogs.accessLog();
    assertTrue(logs.length() > 10_000, "the logs were found and hold the suite's run");
    var found = secrets.stream()
        .filter(logs::contains)
        .map(secret -> secret.substring(0, 6) + "… (" + secret.length() + " characters)")
        .toList();
    assertTrue(found.isEmpty(), () -> "In the server's logs: " + found);
    assertFalse(logs.contains("PRIVATE KEY"), "a private key in the logs");
  }
}
