package org.kosync.rpc.control;

import java.util.Optional;

/**
 * The URI a client opens, as the client sees the server: {@code wss} when the request came over
 * TLS or through a trusted proxy that says so, the host from the request or a trusted proxy.
 */
public final class WebSocketUris {

  /** The resource that hands out URIs; the WebSocket endpoint lives below it, at {@link #PATH}{token}. */
  public static final String RESOURCE = "api/ws";

  public static final String PATH = "/" + RESOURCE + "/";

  private WebSocketUris() {}

  public static String of(
      boolean secure,
      String host,
      Optional<String> forwardedProto,
      Optional<String> forwardedHost,
      boolean fromTrustedProxy,
      String token) {
    var tls = secure;
    var authority = host;
    if (fromTrustedProxy) {
      tls = forwardedProto.map(p -> first(p).equalsIgnoreCase("https")).orElse(secure);
      authority =
          forwardedHost.map(WebSocketUris::first).filter(h -> !h.isEmpty()).orElse(host);
    }
    return (tls ? "wss://" : "ws://") + authority + PATH + token;
  }

  // a chain of proxies appends: the first value is what the client used
  private static String first(String header) {
    var comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).strip();
  }
}
