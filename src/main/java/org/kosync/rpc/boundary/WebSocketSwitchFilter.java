package org.kosync.rpc.boundary;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.kosync.rpc.control.WebSocketUris;

/** With the WebSocket API off ({@link WebSocketSwitch}), {@code /api/ws…} does not exist: 404, before any authentication. */
@Provider
@PreMatching
public class WebSocketSwitchFilter implements ContainerRequestFilter {

  private final boolean enabled = WebSocketSwitch.enabled();

  @Override
  public void filter(ContainerRequestContext request) {
    if (!enabled) {
      var path = request.getUriInfo().getPath();
      var rooted = path.startsWith("/") ? path : "/" + path;
      if (rooted.equals("/" + WebSocketUris.RESOURCE) || rooted.startsWith(WebSocketUris.PATH)) {
        throw new NotFoundException();
      }
    }
  }
}
