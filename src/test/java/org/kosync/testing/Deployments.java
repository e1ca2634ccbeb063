package org.kosync.testing;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real WAR the build produced, optionally with settings added to its microprofile-config.properties.
 * Test classes whose settings are the same share one deployment ({@link SharedDeployments}).
 */
public final class Deployments {

  private static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

  private Deployments() {}

  public static WebArchive kosync() {
    return kosync(Map.of());
  }

  /** The version the build wrote into the WAR, which the server reports. */
  public static String version() {
    var war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("kosync.war", "target/kosync.war")));
    var properties = new Properties();
    try (var in = war.get(CONFIG).getAsset().openStream()) {
      properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return properties.getProperty("kosync.version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static WebArchive kosync(Map<String, String> settings) {
    var war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("kosync.war", "target/kosync.war")));
    if (settings.isEmpty()) {
      return war;
    }
    var properties = new Properties();
    try (var in = war.get(CONFIG).getAsset().openStream()) {
      properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
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
      line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
    }
    return text.toString();
  }
}
