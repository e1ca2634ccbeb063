package org.kosync.rpc.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** With {@code ENABLE_WEBSOCKET_API} off, {@code /api/ws…} does not exist: 404, before any authentication. */
@Provider
@PreMatching
public class WebSocketSwitchFilter implements ContainerRequestFilter {

  // named as in KOsync's seed; experimental, so off unless asked for
  @Inject
  @ConfigProperty(name = "ENABLE_WEBSOCKET_API", defaultValue = "false")
  boolean enabled;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!enabled) {
      var path = request.getUriInfo().getPath();
      if (path.equals("/api/ws") || path.startsWith("/api/ws/") || path.equals("api/ws") || path.startsWith("api/ws/")) {
        throw new NotFoundException();
      }
    }
  }
}
