package org.kosync.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every credential this test JVM sent to or got from the server — KOReader keys, Bearer tokens,
 * device-key passwords, WebSocket URI tokens — so that {@code SecretsInLogsIT} can look for each of
 * them in the server's logs after the whole suite. Short values (an empty key, a test's "x") are
 * left out: they would match by chance.
 */
public final class SentSecrets {

  static final int SHORTEST = 16;
  private static final Pattern PASSWORD = Pattern.compile("\"password\":\"([^\"]+)\"");
  private static final Pattern JWT =
      Pattern.compile("[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private SentSecrets() {}

  public static void add(String secret) {
    if (secret != null && secret.strip().length() >= SHORTEST) {
      SECRETS.add(secret.strip());
    }
  }

  /** A header value: a key as it is, a Bearer token without its scheme. */
  static void header(String name, String value) {
    if (name.equalsIgnoreCase("x-auth-key")) {
      add(value);
    } else if (name.equalsIgnoreCase("Authorization")) {
      add(value.replaceFirst("(?i)^Bearer\\s+", ""));
    }
  }

  /** What an answer may carry: a token, or a device key's password. */
  static void answer(String body) {
    if (body == null) {
      return;
    }
    PASSWORD.matcher(body).results().forEach(m -> add(m.group(1)));
    JWT.matcher(body).results().forEach(m -> add(m.group()));
  }

  public static Set<String> all() {
    return Set.copyOf(SECRETS);
  }
}
