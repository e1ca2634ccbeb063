package org.kosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, made with the machine's initdb in a fresh directory, that
 * the test may freeze (SIGSTOP on every one of its processes: a database that hangs without
 * closing anything, as a stalled disk or dropped packets make it) and thaw again. As root, it runs
 * as the postgres user, since PostgreSQL refuses to run as root.
 */
public final class ThrowawayPostgres implements AutoCloseable {

  private final Path directory;
  private final int port;

  private ThrowawayPostgres(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  public static ThrowawayPostgres start() {
    try {
      var directory = Files.createTempDirectory(Path.of("/tmp"), "kosync-pg-");
      if (isRoot()) {
        run("chown", "postgres", directory.toString());
      }
      var port = freePort();
      var cluster = new ThrowawayPostgres(directory, port);
      // a test JVM that ends without closing it (a failure before @AfterAll) must not leave it
      // running
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::closeQuietly));
      var data = directory.resolve("data").toString();
      cluster.asOwner(
          bin("initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
      cluster.asOwner(
          bin("pg_ctl"),
          "-D",
          data,
          "-w",
          "-l",
          directory.resolve("log").toString(),
          "-o",
          "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "start");
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The database KOsync uses in the cluster. */
  public static final String DATABASE = "kosync";

  private static ThrowawayPostgres shared;

  /**
   * The one cluster of this test JVM, with {@link #DATABASE}, started at first use and stopped when
   * the JVM ends: the classes that deploy on it share one deployment.
   */
  public static synchronized ThrowawayPostgres shared() {
    if (shared == null) {
      shared = start();
      shared.asOwner(
          bin("createdb"),
          "-h",
          "127.0.0.1",
          "-p",
          Integer.toString(shared.port),
          "-U",
          "postgres",
          DATABASE);
    }
    return shared;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  public void freeze() {
    signal("-STOP");
  }

  public void thaw() {
    signal("-CONT");
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      // the JVM is ending; nothing is left to tell
    }
  }

  /** Stops the cluster and deletes its directory; again, it does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    thaw();
    asOwner(bin("pg_ctl"), "-D", directory.resolve("data").toString(), "-m", "immediate", "stop");
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private void signal(String signal) {
    try {
      var postmaster =
          Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid"))
              .get(0)
              .trim());
      var command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
      ProcessHandle.of(postmaster)
          .orElseThrow()
          .descendants()
          .forEach(child -> command.add(Long.toString(child.pid())));
      run(command.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void asOwner(String... command) {
    var line = new ArrayList<String>();
    if (isRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line.toArray(String[]::new));
  }

  private static void run(String... command) {
    try {
      var process = new ProcessBuilder(command).redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The newest PostgreSQL installed (Debian keeps each major version in its own directory). */
  private static String bin(String tool) {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin").resolve(tool).toString())
          .orElseThrow(() -> new IllegalStateException("No PostgreSQL in /usr/lib/postgresql"));
    } catch (IOException e) {
      throw new UncheckedIOException("No PostgreSQL in /usr/lib/postgresql", e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
