package org.kosync.page.control;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The page's Content-Security-Policy: its own scripts and styles only (no inline code, nothing from
 * a CDN), connections to this server (its WebSocket included: CSP 3's {@code 'self'} covers ws/wss
 * of the same host) and to the identity provider for the token of a sign-in, and no framing.
 */
public final class ContentSecurityPolicy {

  private ContentSecurityPolicy() {}

  /** {@code providers}: any URL at each origin the page may fetch from for sign-in. */
  public static String of(List<URI> providers) {
    var connect = new LinkedHashSet<String>();
    connect.add("'self'");
    providers.stream().map(ContentSecurityPolicy::origin).forEach(connect::add);
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src " + String.join(" ", connect) + "; base-uri 'self'; form-action 'self'; "
        + "frame-ancestors 'none'";
  }

  static String origin(URI uri) {
    var port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    var origin = uri.getScheme() + "://" + uri.getHost() + port;
    // a policy is a list of words: anything else in an origin would change its meaning
    if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new IllegalArgumentException("Not an origin a policy can name: " + origin);
    }
    return origin.toLowerCase(java.util.Locale.ROOT);
  }
}
