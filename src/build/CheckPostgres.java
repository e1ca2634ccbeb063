import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Is there a PostgreSQL for the integration tests? Asked before the build compiles anything (the
 * validate phase, pom.xml), so that a missing database stops {@code mvn verify} in its first
 * seconds with one line, not minutes later inside the WildFly run.
 *
 * <p>{@code java src/build/CheckPostgres.java host=H port=P goals=[verify] skipITs=… skipTests=…
 * maven.test.skip=… it.wildfly.skip=… it.payara.skip=… [report=FILE]}. It asks nothing when the
 * build does not reach the integration tests: goals that stop before integration-test, or the tests
 * skipped ({@code -DskipITs}, {@code -DskipTests}, {@code -Dmaven.test.skip}, or both servers
 * skipped). PostgreSQL is recognised by its answer to an SSLRequest: one byte, S or N.
 *
 * <p>The problem, if any, is one line: on stderr with exit code 1, or, with {@code report=FILE},
 * in that file with exit code 0 (the build then fails with that line as its message, which
 * exec-maven-plugin alone would bury under a stack trace).
 */
public class CheckPostgres {

  private static final Set<String> PHASES_WITH_INTEGRATION_TESTS =
      Set.of("integration-test", "post-integration-test", "verify", "install", "deploy");

  /** Where the problem goes, if the build asked for a file. */
  private static Path report;

  public static void main(String[] args) {
    var options = new HashMap<String, String>();
    for (var arg : args) {
      var split = arg.indexOf('=');
      options.put(arg.substring(0, split), arg.substring(split + 1));
    }
    report = options.containsKey("report") ? Path.of(options.get("report")) : null;
    if (report != null) {
      write(""); // nothing to report, unless fail() says otherwise
    }
    if (!runsIntegrationTests(options)) {
      return;
    }
    var host = options.get("host");
    var port = Integer.parseInt(options.get("port"));
    var where = host + ":" + port;
    try (var socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(host, port), 3_000);
      } catch (IOException e) {
        fail("No PostgreSQL answers at " + where + " (" + e.getMessage() + "): " + howToStart(host)
            + ", or set -Dit.db.host/-Dit.db.port (or skip the integration tests: -DskipITs)");
      }
      socket.setSoTimeout(3_000);
      var out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8);
      out.writeInt(80877103); // SSLRequest
      out.flush();
      var answer = socket.getInputStream().read();
      if (answer != 'S' && answer != 'N') {
        fail(
            "Something listens at " + where
                + " but does not answer as PostgreSQL does: point -Dit.db.host/-Dit.db.port at PostgreSQL");
      }
      System.out.println("PostgreSQL answers at " + where + " (integration tests)");
    } catch (IOException e) {
      fail("Something listens at " + where + " but does not answer as PostgreSQL does ("
          + e.getMessage() + "): point -Dit.db.host/-Dit.db.port at PostgreSQL");
    }
  }

  private static boolean runsIntegrationTests(HashMap<String, String> options) {
    if (set(options, "skipITs")
        || set(options, "skipTests")
        || set(options, "maven.test.skip")
        || (set(options, "it.wildfly.skip") && set(options, "it.payara.skip"))) {
      return false;
    }
    // ${session.request.goals}, e.g. [clean, verify]
    List<String> goals = Arrays.stream(
            options.getOrDefault("goals", "").replaceAll("[\\[\\]]", "").split(","))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .toList();
    return goals.stream()
        .anyMatch(g -> PHASES_WITH_INTEGRATION_TESTS.contains(g) || g.contains("failsafe"));
  }

  /** -Dname and -Dname=true; a property nobody set arrives as the literal ${name}. */
  private static boolean set(HashMap<String, String> options, String name) {
    var value = options.get(name);
    return value != null && (value.isEmpty() || value.equalsIgnoreCase("true"));
  }

  private static String howToStart(String host) {
    var local = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    var clusters = Path.of("/etc/postgresql");
    if (local && Files.isDirectory(clusters)) {
      try (Stream<Path> versions = Files.list(clusters)) {
        var version = versions
            .map(v -> v.getFileName().toString())
            .max((a, b) -> Integer.compare(number(a), number(b)));
        if (version.isPresent()) {
          return "start it (pg_ctlcluster --skip-systemctl-redirect " + version.get()
              + " main start)";
        }
      } catch (IOException e) {
        // fall through to the general advice
      }
    }
    return "start it";
  }

  private static int number(String version) {
    try {
      return Integer.parseInt(version.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void fail(String line) {
    if (report == null) {
      System.err.println(line);
      System.exit(1);
    }
    write(line);
    System.exit(0);
  }

  private static void write(String text) {
    try {
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
