package org.kosync.rpc.boundary;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With {@code ENABLE_WEBSOCKET_API} off the endpoint is not deployed at all, so an upgrade
 * request finds nothing there (404, like any unknown route).
 */
public class WebSocketSwitch implements ServerApplicationConfig {

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
    return Set.of();
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    var enabled = ConfigProvider.getConfig(WebSocketSwitch.class.getClassLoader())
        .getOptionalValue("ENABLE_WEBSOCKET_API", Boolean.class).orElse(false);
    return enabled ? scanned : Set.of();
  }
}
