package org.kosync.rpc.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.kosync.auth.boundary.Accounts;
import org.kosync.auth.boundary.CurrentCaller;
import org.kosync.auth.boundary.KoreaderAuth;
import org.kosync.auth.boundary.SignOnRoute;
import org.kosync.auth.control.ProxySettings;
import org.kosync.rpc.control.WebSocketUris;

/**
 * {@code /api/ws}: a complete {@code ws://} or {@code wss://} URI a WebSocket library can open as
 * it is. Its token lives 60 seconds and is good for that connection only, so a URI that ends up
 * in a log is worthless.
 */
@ApplicationScoped
@Path(WebSocketUris.RESOURCE)
@KoreaderAuth
@SignOnRoute
public class WebSocketUrisResource {

  @Inject
  Accounts accounts;

  @Inject
  CurrentCaller caller;

  @Inject
  ProxySettings proxies;

  @Context
  HttpServletRequest servletRequest;

  @Context
  UriInfo uriInfo;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String uri() {
    return WebSocketUris.of(
        servletRequest.isSecure(),
        uriInfo.getBaseUri().getRawAuthority(),
        Optional.ofNullable(servletRequest.getHeader("X-Forwarded-Proto")),
        Optional.ofNullable(servletRequest.getHeader("X-Forwarded-Host")),
        proxies.trusted().trusts(servletRequest.getRemoteAddr()),
        accounts.issueWebSocketToken(caller.get()));
  }

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String uriByPost() {
    return uri();
  }
}
