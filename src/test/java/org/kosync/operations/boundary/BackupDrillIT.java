package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Awaits;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.ThrowawayPostgres;

/**
 * The README's backup and restore, as an operator runs them: {@code ops/backup.sh}, the database
 * dropped, {@code ops/restore.sh} — and a KOReader client still logs in and reads its position. On a
 * PostgreSQL cluster of the test's own, which it may drop.
 */
@KoreaderTest
class BackupDrillIT {

  static final String BOOK = "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.onThrowawayDatabase();
  }

  @Test
  void backUpDropRestoreAndTheReaderStillSyncs(KoreaderClient client, User reader)
      throws Exception {
    assertEquals(
        200, client.pushProgress(reader, BOOK, "/p[drill]", 0.42, "Kobo").status());
    var backup = Files.createTempDirectory(Path.of("target"), "backup-drill-");
    var dataDir = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    var pepper = Files.readString(dataDir.resolve("pepper"));

    run("ops/backup.sh", backup);
    assertTrue(Files.size(backup.resolve("kosync.dump")) > 0);
    assertEquals(pepper, Files.readString(backup.resolve("data/pepper")));
    assertTrue(Files.exists(backup.resolve("data/jwt/signing-key.pem")));

    psql("drop database " + ThrowawayPostgres.DATABASE + " with (force)");
    // a 5xx, which KOReader retries: the database is gone, not the reader's account
    assertEquals(502, client.get("/syncs/progress/" + BOOK, reader).status());

    run("ops/restore.sh", backup);
    assertEquals(
        "/p[drill]",
        Awaits.success(
                () -> client.get("/syncs/progress/" + BOOK, reader),
                Duration.ofSeconds(30),
                "service did not resume after the restore")
            .json()
            .getString("progress"));
    assertEquals(200, client.get("/users/auth", reader).status());
    assertEquals(pepper, Files.readString(dataDir.resolve("pepper")));
  }

  static Map<String, String> environment() {
    return Map.of(
        "PGHOST",
        "127.0.0.1",
        "PGPORT",
        Integer.toString(ThrowawayPostgres.shared().port()),
        "PGUSER",
        "postgres",
        "KOSYNC_DB_NAME",
        ThrowawayPostgres.DATABASE,
        "KOSYNC_DATA_DIR",
        System.getProperty("it.data.dir", "target/it-data"));
  }

  static void run(String script, Path backup) throws Exception {
    var process = new ProcessBuilder("bash", script, backup.toString()).redirectErrorStream(true);
    process.environment().putAll(environment());
    var started = process.start();
    var output = new String(started.getInputStream().readAllBytes());
    assertEquals(0, started.waitFor(), () -> script + " failed:\n" + output);
  }

  static void psql(String sql) throws Exception {
    var process = new ProcessBuilder("psql", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql)
        .redirectErrorStream(true);
    process.environment().putAll(environment());
    var started = process.start();
    var output = new String(started.getInputStream().readAllBytes());
    assertEquals(0, started.waitFor(), () -> "psql failed:\n" + output);
  }
}
