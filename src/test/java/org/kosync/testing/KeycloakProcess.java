package org.kosync.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the tests: Keycloak from the distribution the build unpacked
 * into {@code it.keycloak.dir} ({@code target/keycloak}, before the integration tests), in dev
 * mode (HTTP, a database of its own) on {@code 127.0.0.1:it.keycloak.http.port}, with the realm
 * {@value #REALM} of {@code src/test/resources/keycloak/kosync-realm.json}: the public client
 * {@value #CLIENT}, which may log in with a password and puts {@value #AUDIENCE} into every access
 * token's {@code aud}, and the users {@code reader} and {@code stranger} (passwords {@code
 * reader-password} and {@code stranger-password}).
 *
 * <p>One per test JVM, started by the first {@link #running()} (about 22 s on 2 cores; the time is
 * printed) with a fresh database, so that the realm is always the file's. It needs Java 21 or later
 * ({@code it.keycloak.java.home}) and writes its output to {@code it.keycloak.log}. No process
 * outlives the test JVM: a shutdown hook kills it, and a Keycloak left behind by a test JVM that was
 * itself killed is found by its pid file and killed before the next start.
 */
public final class KeycloakProcess {

  public static final String REALM = "kosync";
  public static final String CLIENT = "kosync-tests";
  public static final String AUDIENCE = "kosync";

  /** The realm's public client for KOsync's web page: authorization code with PKCE (S256). */
  public static final String PAGE_CLIENT = "kosync-page";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1))
      .build();

  private static KeycloakProcess running;
  private static RuntimeException failure;

  private final URI base;
  private final Duration startup;

  private KeycloakProcess(URI base, Duration startup) {
    this.base = base;
    this.startup = startup;
  }

  /**
   * The test JVM's Keycloak, started by the first call, which waits until its realm answers; a start
   * that failed is not tried again: every later call fails at once with the same cause.
   */
  public static synchronized KeycloakProcess running() {
    if (failure != null) {
      throw new IllegalStateException("Keycloak did not start earlier in this test JVM", failure);
    }
    if (running == null) {
      try {
        running = start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return running;
  }

  /** The realm's {@code iss}: {@code http://127.0.0.1:18280/realms/kosync}. */
  public String issuer() {
    return base.resolve("realms/" + REALM).toString();
  }

  /** How long the start took, until the realm answered. */
  public Duration startup() {
    return startup;
  }

  /** The access token Keycloak issues to {@value #CLIENT} for this user (the password grant). */
  public String accessToken(String username, String password) {
    var form = Map.of(
            "grant_type", "password",
            "client_id", CLIENT,
            "username", username,
            "password", password)
        .entrySet()
        .stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    var response =
        send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak issued no token for " + username + ": "
          + response.statusCode() + " " + response.body());
    }
    return json(response.body()).getString("access_token");
  }

  private static KeycloakProcess start() {
    var dir = Path.of(System.getProperty("it.keycloak.dir", "target/keycloak")).toAbsolutePath();
    var javaHome =
        Path.of(System.getProperty("it.keycloak.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    var httpPort = Integer.getInteger("it.keycloak.http.port", 18280);
    var managementPort = Integer.getInteger("it.keycloak.management.port", 19280);
    var log =
        Path.of(System.getProperty("it.keycloak.log", "target/keycloak.log")).toAbsolutePath();
    var kc = dir.resolve("bin/kc.sh");
    if (!Files.isRegularFile(kc)) {
      throw new IllegalStateException("No Keycloak in " + dir
          + ": the build unpacks it before the integration tests"
          + " (by hand: mvn dependency:unpack@unpack-keycloak)");
    }
    if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
      throw new IllegalStateException("Keycloak needs Java 21 or later, and there is no "
          + javaHome.resolve("bin/java") + ": set -Dit.keycloak.java.home");
    }
    killLeftover(dir);
    for (var port : List.of(httpPort, managementPort)) {
      if (!free(port)) {
        throw new IllegalStateException("Port " + port
            + " is taken, which Keycloak needs (another Keycloak?):"
            + " -Dit.keycloak.http.port=… -Dit.keycloak.management.port=…");
      }
    }
    // a fresh database each time, which imports the realm file as it is now
    var data = dir.resolve("data");
    deleteTree(data);
    try {
      Files.createDirectories(data.resolve("import"));
      try (var realm = KeycloakProcess.class.getResourceAsStream("/keycloak/kosync-realm.json")) {
        if (realm == null) {
          throw new IllegalStateException("No /keycloak/kosync-realm.json on the test classpath");
        }
        Files.copy(
            realm, data.resolve("import/kosync-realm.json"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    var builder = new ProcessBuilder(
            kc.toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + httpPort,
            "--http-management-port=" + managementPort,
            "--import-realm")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    var environment = builder.environment();
    // nothing of the machine's own Keycloak or JVM settings: the test's Keycloak is always the same
    environment
        .keySet()
        .removeIf(name -> name.startsWith("KC_")
            || name.startsWith("QUARKUS_")
            || name.startsWith("JAVA_OPTS")
            || name.equals("JAVA_ADD_OPENS"));
    environment.put("JAVA_HOME", javaHome.toString());
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");

    var started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
      // Keycloak's pid, then the test JVM's: a Keycloak is a leftover only once its JVM is gone
      Files.writeString(
          dir.resolve("keycloak.pid"),
          process.pid() + " " + ProcessHandle.current().pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // gone before the JVM is: the next suite's Keycloak (failsafe's next execution) needs the ports
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              killTree(process.toHandle());
              try {
                process.waitFor(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "kill-keycloak"));
    var keycloak = new KeycloakProcess(URI.create("http://127.0.0.1:" + httpPort + "/"), null);
    var deadline = started + START_TIMEOUT.toNanos();
    while (!keycloak.answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue()
            + " while starting; see " + log + ":\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        killTree(process.toHandle());
        throw new IllegalStateException("Keycloak's realm " + REALM + " did not answer within "
            + START_TIMEOUT + "; see " + log + ":\n" + tail(log));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        killTree(process.toHandle());
        throw new IllegalStateException("Interrupted while Keycloak was starting", e);
      }
    }
    var took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "Keycloak ready in %.1f s: %s (log %s)%n",
        took.toMillis() / 1000.0, keycloak.issuer(), log);
    return new KeycloakProcess(keycloak.base, took);
  }

  /** The realm's discovery document names the issuer the tests expect. */
  private boolean answers() {
    try {
      var response =
          send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
              .timeout(Duration.ofSeconds(2))
              .GET());
      return response.statusCode() == 200
          && issuer().equals(json(response.body()).getString("issuer", null));
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** A Keycloak still running from {@code dir} (its test JVM was killed before its shutdown hook). */
  private static void killLeftover(Path dir) {
    var pidFile = dir.resolve("keycloak.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      var pids = Files.readString(pidFile).strip().split("\\s+");
      if (pids.length > 1) {
        var jvm = ProcessHandle.of(Long.parseLong(pids[1]));
        if (jvm.filter(ProcessHandle::isAlive)
            .flatMap(j -> j.info().command())
            .filter(command -> command.endsWith("/java"))
            .isPresent()) {
          throw new IllegalStateException("The Keycloak in " + dir + " is in use by test JVM "
              + pids[1] + ": run one suite at a time, or give this one -Dit.keycloak.dir=…"
              + " (unpacked there) and other ports");
        }
      }
      var owner = dir.toString();
      ProcessHandle.of(Long.parseLong(pids[0]))
          .filter(p -> p.info().commandLine().map(c -> c.contains(owner)).orElse(false))
          .ifPresent(p -> {
            System.out.println("Killing " + p.pid() + ", a Keycloak left running from " + dir);
            killTree(p);
            p.onExit().join();
          });
      Files.delete(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static boolean free(int port) {
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (var file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the log, for a failure message that says what went wrong. */
  private static String tail(Path log) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      var all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
