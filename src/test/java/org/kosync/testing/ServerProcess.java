package org.kosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server of a test's own, outside Arquillian, that the test can kill with SIGKILL and start
 * again: the provisioned WildFly ({@code target/server}, with a server base directory of its own)
 * or Payara Micro ({@code target/payara/payara-micro.jar} with {@code server-config/payara}),
 * serving a copy of the WAR on a fixed port. Everything it writes stays in its directory.
 *
 * <p>No process outlives the test: {@link #close()} kills it, a shutdown hook kills whatever is
 * left when the test JVM ends, and a server left behind by a test JVM that was itself killed is
 * found by its pid file and killed before the next start.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Set<ProcessHandle> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(ServerProcess::killTree), "kill-test-servers"));
  }

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1))
      .build();

  private final String name;
  private final Path dir;
  private final URI base;
  private final List<String> command;
  private Process process;

  private ServerProcess(String name, Path dir, URI base, List<String> command) {
    this.name = name;
    this.dir = dir;
    this.base = base;
    this.command = command;
  }

  /**
   * WildFly from {@code jbossHome} with its configuration copied into {@code dir} and the WAR
   * deployed from there; HTTP on 8080 + {@code portOffset}, management on 9990 + {@code portOffset}.
   */
  public static ServerProcess wildfly(
      Path jbossHome, Path dir, int portOffset, Path war, Map<String, String> properties) {
    prepare(dir);
    var baseDir = dir.resolve("standalone");
    copyTree(jbossHome.resolve("standalone/configuration"), baseDir.resolve("configuration"));
    var deployed = copy(war, dir);
    // The provisioned server has no deployment scanner: name the WAR in the configuration, as an
    // unmanaged deployment (what `deploy --unmanaged` would persist), so each boot deploys it. The
    // copy may carry deployments of its own: Arquillian's WildFly, running from the same
    // configuration, persists what it deploys into it.
    var configuration = baseDir.resolve("configuration/standalone.xml");
    var xml = read(configuration).replaceAll("(?s)\\s*<deployments>.*?</deployments>", "");
    var end = xml.indexOf("</socket-binding-group>") + "</socket-binding-group>".length();
    write(
        configuration,
        xml.substring(0, end)
            + "\n    <deployments>\n        <deployment name=\"kosync.war\" runtime-name=\"kosync.war\">"
            + "\n            <fs-archive path=\"" + deployed.toAbsolutePath()
            + "\"/>\n        </deployment>\n    </deployments>"
            + xml.substring(end));

    var command = new ArrayList<String>();
    command.add(java());
    command.add("-D[Standalone]");
    command.addAll(List.of("-Xms256m", "-Xmx512m"));
    // what bin/common.sh adds on a modular JDK
    command.addAll(List.of(
        "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
        "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
        "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
        "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.security=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.management/javax.management=ALL-UNNAMED",
        "--add-opens=java.naming/javax.naming=ALL-UNNAMED"));
    command.add("-Dorg.jboss.boot.log.file=" + baseDir.resolve("log/server.log"));
    command.add(
        "-Dlogging.configuration=file:" + baseDir.resolve("configuration/logging.properties"));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of(
        "-jar",
        jbossHome.resolve("jboss-modules.jar").toString(),
        "-mp",
        jbossHome.resolve("modules").toString(),
        "org.jboss.as.standalone",
        "-Djboss.home.dir=" + jbossHome,
        "-Djboss.server.base.dir=" + baseDir,
        "-Djboss.socket.binding.port-offset=" + portOffset));
    return new ServerProcess("WildFly", dir, local(8080 + portOffset), command);
  }

  /**
   * Payara Micro from {@code microJar} with {@code configDir} applied, on {@code port}, alone: no
   * cluster and no Hazelcast (KOsync uses neither, and each costs seconds of every start).
   */
  public static ServerProcess payaraMicro(
      Path microJar, Path configDir, Path dir, int port, Path war, Map<String, String> properties) {
    prepare(dir);
    var deployed = copy(war, dir);
    var command = new ArrayList<String>();
    command.add(java());
    command.addAll(List.of("-Xms256m", "-Xmx512m"));
    // Payara Micro unpacks itself into java.io.tmpdir on every start
    command.add("-Djava.io.tmpdir=" + createDirectories(dir.resolve("tmp")));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of(
        "-jar",
        microJar.toString(),
        "--nocluster",
        "--nohazelcast",
        "--port",
        Integer.toString(port),
        "--prebootcommandfile",
        configDir.resolve("pre-boot-commands.asadmin").toString(),
        "--postbootcommandfile",
        configDir.resolve("post-boot-commands.asadmin").toString(),
        "--systemproperties",
        configDir.resolve("system.properties").toString(),
        "--deploy",
        deployed.toString()));
    return new ServerProcess("Payara Micro", dir, local(port), command);
  }

  public URI base() {
    return base;
  }

  public Path console() {
    return dir.resolve("console.log");
  }

  /** Launches the server and waits until the application answers; returns how long that took. */
  public Duration start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    var started = System.nanoTime();
    process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()))
        .start();
    RUNNING.add(process.toHandle());
    Files.writeString(dir.resolve("server.pid"), Long.toString(process.pid()));
    var deadline = started + timeout.toNanos();
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting; see " + console());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException(
            name + " did not answer within " + timeout + "; see " + console());
      }
      Thread.sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** {@code kill -9}: SIGKILL to the server (and anything it started), then waits for it to go. */
  public void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    killTree(process.toHandle());
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
    }
    RUNNING.remove(process.toHandle());
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private boolean answers() {
    try {
      var response = HTTP.send(
          HttpRequest.newBuilder(base.resolve("/healthcheck"))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * A fresh directory; a server still running from it (its test JVM was killed before the
   * shutdown hook could run) is killed first, or it would hold the port.
   */
  private static void prepare(Path dir) {
    var pidFile = dir.resolve("server.pid");
    if (Files.exists(pidFile)) {
      var owner = dir.toAbsolutePath().toString();
      ProcessHandle.of(Long.parseLong(read(pidFile).strip()))
          .filter(p -> p.info().commandLine().map(c -> c.contains(owner)).orElse(false))
          .ifPresent(p -> {
            System.out.println("Killing " + p.pid() + ", a server left running in " + dir);
            killTree(p);
            p.onExit().join();
          });
    }
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ServerProcess::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    createDirectories(dir);
  }

  private static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path copy(Path file, Path dir) {
    try {
      return Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (var file : (Iterable<Path>) files::iterator) {
        var target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
