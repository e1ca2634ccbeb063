package org.kosync.rpc.boundary;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code ENABLE_WEBSOCKET_API}, read here only. Off, the endpoint is not deployed at all, so an
 * upgrade request finds nothing there (404, like any unknown route), and {@link
 * WebSocketSwitchFilter} answers 404 to {@code /api/ws…} as well.
 */
public class WebSocketSwitch implements ServerApplicationConfig {

  // named as the WebSocket API's original description names it; experimental, so off unless asked
  // for
  static final String SETTING = "ENABLE_WEBSOCKET_API";

  static boolean enabled() {
    return ConfigProvider.getConfig(WebSocketSwitch.class.getClassLoader())
        .getOptionalValue(SETTING, Boolean.class)
        .orElse(false);
  }

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(
      Set<Class<? extends Endpoint>> endpointClasses) {
    return Set.of();
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    return enabled() ? scanned : Set.of();
  }
}
