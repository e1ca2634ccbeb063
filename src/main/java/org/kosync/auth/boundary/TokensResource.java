package org.kosync.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/auth.jwt}: a JWT for the caller, who authenticated with KOReader's headers or an earlier token. */
@ApplicationScoped
@Path("api/auth.jwt")
@KoreaderAuth
@SignOnRoute
public class TokensResource {

  @Inject
  Accounts accounts;

  @Inject
  CurrentCaller caller;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String token() {
    return accounts.issueToken(caller.get());
  }

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String tokenByPost() {
    return token();
  }
}
