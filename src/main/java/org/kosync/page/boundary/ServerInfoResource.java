package org.kosync.page.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.control.ProviderSignIn;
import org.kosync.auth.control.ProxySettings;

/**
 * {@code GET /api/server.info}, open to anyone: what the sign-in page may offer (whether live updates are on, the page learns from {@code /api/ws}). Nothing in it is
 * secret: the provider's endpoints and client id are what any browser is sent to anyway.
 */
@ApplicationScoped
@Path("api/server.info")
@Produces(MediaType.APPLICATION_JSON)
public class ServerInfoResource {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject
  ProviderSignIn provider;

  @Inject
  ProxySettings proxies;

  @Inject
  @ConfigProperty(name = "DISABLE_REGISTRATION", defaultValue = "false")
  boolean registrationDisabled;

  @Context
  HttpServletRequest request;

  @GET
  public JsonObject info() {
    return JSON.createObjectBuilder()
        .add("server_name", "KOsync")
        .add("registration", !registrationDisabled)
        .add("proxy_sign_in", signedInByProxy())
        .add(
            "provider",
            provider
                .endpoints()
                .<JsonValue>map(p -> JSON.createObjectBuilder()
                    .add("name", p.name())
                    .add("client_id", p.clientId())
                    .add("scope", p.scope())
                    .add("authorization_endpoint", p.authorization().toString())
                    .add("token_endpoint", p.token().toString())
                    .build())
                .orElse(JsonValue.NULL))
        .build();
  }

  private boolean signedInByProxy() {
    return proxies.namedUser(request::getHeader, request.getRemoteAddr()).isPresent();
  }
}
