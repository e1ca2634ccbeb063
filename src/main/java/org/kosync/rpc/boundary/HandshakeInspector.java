package org.kosync.rpc.boundary;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Notes, per connection, whether its {@code Origin} may talk to us: none (KOReader, scripts), the
 * server's own, or one of {@code kosync.websocket.allowed-origins}. A browser page from anywhere
 * else must not use a reader's token. (User properties set here are per connection since
 * Jakarta WebSocket 2.1 / EE 10.)
 */
public class HandshakeInspector extends ServerEndpointConfig.Configurator {

  static final String ORIGIN_ALLOWED = "kosync.origin-allowed";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    config
        .getUserProperties()
        .put(ORIGIN_ALLOWED, allowed(first(request, "Origin"), first(request, "Host")));
  }

  static boolean allowed(String origin, String host) {
    if (origin == null || origin.isBlank()) {
      return true;
    }
    var configured = ConfigProvider.getConfig(HandshakeInspector.class.getClassLoader())
        .getOptionalValues("kosync.websocket.allowed-origins", String.class)
        .orElse(List.of());
    if (configured.stream().map(String::strip).anyMatch(origin::equalsIgnoreCase)) {
      return true;
    }
    try {
      var authority = URI.create(origin.strip()).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String first(HandshakeRequest request, String header) {
    for (var entry : request.getHeaders().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(header) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }
}
