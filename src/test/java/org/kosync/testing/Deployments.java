package org.kosync.testing;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real WAR the build produced, optionally with settings added to its microprofile-config.properties.
 * Test classes whose settings are the same share one deployment ({@link SharedDeployments}), so
 * settings that several classes need come as one set here.
 */
public final class Deployments {

  private static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

  /**
   * Every test deployment: the whole suite registers its readers and makes its mistakes from
   * 127.0.0.1, so the per-address budgets of failed logins and registrations are out of its way.
   * The budget per username stays the default, and UsersResourceIT meets it. Its readers push
   * from one device seconds apart and count the states kept, so every push keeps the one it
   * replaces (the default's sittings are tested on the statement, in ProgressStatementsIT).
   */
  private static final Map<String, String> SUITE = Map.of(
      "kosync.auth.limit.failures-per-address", "1000000",
      "kosync.auth.limit.registrations-per-address", "1000000",
      "kosync.history.session-gap", "PT0S");

  private Deployments() {}

  public static final String METRICS_TOKEN = "scrape-secret-of-the-tests";

  public static WebArchive kosync() {
    return kosync(Map.of());
  }

  /** The version the build wrote into the WAR, which the server reports. */
  public static String version() {
    var war = ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("kosync.war", "target/kosync.war")));
    var properties = new Properties();
    try (var in = war.get(CONFIG).getAsset().openStream()) {
      properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return properties.getProperty("kosync.version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The WebSocket API on, as the classes that test it share it: a small outbox (64 Ki chars), so that
   * a reader who stops reading overflows it quickly, and 127.0.0.1 as the only trusted proxy (a
   * client from 127.0.0.2 is an untrusted one), and single sign-on through {@link
   * TestIdentityProvider} and its proxy header, and {@code /metrics} for this machine and for
   * {@link #METRICS_TOKEN}. None of it changes what a client that reads its frames and sends no
   * forwarding or sign-on headers sees.
   */
  public static WebArchive withWebSockets() {
    var settings = new HashMap<>(TestIdentityProvider.SETTINGS);
    settings.put("kosync.metrics.enabled", "true");
    settings.put("kosync.metrics.token", METRICS_TOKEN);
    settings.put("ENABLE_WEBSOCKET_API", "true");
    settings.put("kosync.websocket.max-queued-chars", "65536");
    return kosync(settings);
  }

  /**
   * Defaults an operator may change, whose tests do not meet, in one deployment for their classes:
   * the official server's strict Accept rules (every test client sends KOReader's Accept header), a
   * history of two states pruned every second, a rotated signing key ({@link #rotatedSigningKey()})
   * with the server's own one kept to verify older tokens, and {@value #BODY_DEADLINE} for a request
   * body to arrive in full.
   */
  public static final String BODY_DEADLINE = "PT5S";

  public static WebArchive withChangedDefaults() {
    return kosync(Map.of(
        "kosync.accept.strict",
        "true",
        "kosync.history.keep",
        "2",
        "kosync.history.prune-interval",
        "PT1S",
        "kosync.http.body-deadline",
        BODY_DEADLINE,
        "kosync.jwt.signing-key",
        rotatedSigningKey().toString(),
        "kosync.jwt.previous-keys",
        TestTokens.serverKeyFile().toString()));
  }

  /** The signing key {@link #withChangedDefaults()} rotates to: a new one for each test run. */
  public static Path rotatedSigningKey() {
    return RotatedKey.FILE;
  }

  private static final class RotatedKey {
    static final Path FILE =
        Path.of("target", "it-keys", "rotated-signing-key.pem").toAbsolutePath();

    static {
      TestTokens.writePem(TestTokens.newRsaKey(), FILE);
    }
  }

  /**
   * On this JVM's {@link ThrowawayPostgres#shared()} cluster, which a test may freeze or drop:
   * above the server's system properties, which point every other deployment at the suite's
   * database.
   */
  public static WebArchive onThrowawayDatabase() {
    return kosync(Map.of(
        "config_ordinal", "500",
        "kosync.db.url", ThrowawayPostgres.shared().jdbcUrl(),
        "kosync.db.user", "postgres"));
  }

  public static WebArchive kosync(Map<String, String> settings) {
    var war = ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("kosync.war", "target/kosync.war")));
    var properties = new Properties();
    try (var in = war.get(CONFIG).getAsset().openStream()) {
      properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      properties.putAll(SUITE);
      properties.putAll(settings);
      war.delete(CONFIG);
      return war.add(new StringAsset(text(properties)), CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The properties in key order and without the date {@link Properties#store} writes: the same
   * settings make the same archive, which {@link SharedDeployments} recognises.
   */
  private static String text(Properties properties) throws IOException {
    var text = new StringBuilder("#test settings\n");
    for (var key : new TreeSet<>(properties.stringPropertyNames())) {
      var one = new Properties();
      one.setProperty(key, properties.getProperty(key));
      var line = new StringWriter();
      one.store(line, null);
      line.toString()
          .lines()
          .filter(l -> !l.startsWith("#"))
          .forEach(l -> text.append(l).append('\n'));
    }
    return text.toString();
  }
}
