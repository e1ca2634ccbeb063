package org.kosync.storage.control;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * {@code kosync.db.url}, {@code kosync.db.user}, {@code kosync.db.password}. Without a URL,
 * an embedded H2 file database in the data directory, in PostgreSQL mode so that one changelog
 * and one mapping serve both. {@code kosync.db.timeout}: how long PostgreSQL may stay silent
 * while it owes an answer before the connection is given up.
 */
public record DatabaseSettings(
    String url,
    Optional<String> user,
    Optional<String> password,
    boolean embedded,
    Duration timeout) {

  /** KOReader gives up on a call after 5 s; a frozen database must cost a reader well under that. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  // not DATABASE_TO_LOWER: Liquibase then misses its own tables on the second start and tries to
  // recreate them
  static final String H2_OPTIONS = ";MODE=PostgreSQL";

  static final String H2_FILE = "jdbc:h2:file:";

  public static DatabaseSettings from(Config config) {
    var url = config.getOptionalValue("kosync.db.url", String.class).filter(u -> !u.isBlank());
    var user = config.getOptionalValue("kosync.db.user", String.class);
    var password = config.getOptionalValue("kosync.db.password", String.class);
    var timeout = config
        .getOptionalValue("kosync.db.timeout", String.class)
        .map(Duration::parse)
        .orElse(DEFAULT_TIMEOUT);
    return url.map(u -> new DatabaseSettings(u, user, password, false, timeout))
        .orElseGet(() -> new DatabaseSettings(
            H2_FILE + DataDirectory.of(config).resolve("kosync") + H2_OPTIONS,
            user,
            password,
            true,
            timeout));
  }

  /** The file of the embedded database that stands in when no URL is configured. */
  public Optional<Path> embeddedFile() {
    if (!embedded) {
      return Optional.empty();
    }
    // H2 keeps a file database in <path>.mv.db
    return Optional.of(
        Path.of(url.substring(H2_FILE.length(), url.length() - H2_OPTIONS.length()) + ".mv.db"));
  }

  /** {@link Duration#ZERO}: wait as long as the database takes. */
  public DatabaseSettings withTimeout(Duration timeout) {
    return new DatabaseSettings(url, user, password, embedded, timeout);
  }

  public boolean isPostgreSql() {
    return url.startsWith("jdbc:postgresql:");
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  /**
   * Which database this is, for an operator: {@code postgresql}, or where an embedded H2 database
   * keeps its files (an install that silently fell back to H2 should be noticed).
   */
  public String describe() {
    if (isPostgreSql()) {
      return "postgresql";
    }
    if (!isH2()) {
      return redactedUrl();
    }
    // H2 URLs carry user and password only as ;options, never in the location
    var location = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    return location.startsWith("file:")
        ? "embedded H2 at " + location.substring("file:".length())
        : "H2 " + location;
  }

  /** The URL without query or options, which may carry credentials: safe to log. */
  public String redactedUrl() {
    var cut = url.length();
    for (var c : new char[] {'?', ';'}) {
      var at = url.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    var bare = url.substring(0, cut);
    var at = bare.indexOf('@');
    return at < 0
        ? bare
        : "jdbc:" + URI.create(bare.substring(5)).getScheme() + "://…" + bare.substring(at);
  }
}
