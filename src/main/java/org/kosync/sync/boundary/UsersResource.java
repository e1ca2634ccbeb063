package org.kosync.sync.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.kosync.auth.boundary.Accounts;
import org.kosync.auth.boundary.ClientAddress;
import org.kosync.auth.boundary.CurrentCaller;
import org.kosync.auth.boundary.KoreaderAuth;
import org.kosync.auth.boundary.PersonOnly;
import org.kosync.sync.control.Fields;

@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject
  Accounts accounts;

  @Inject
  CurrentCaller caller;

  @Inject
  ClientAddress client;

  @Context
  HttpServletRequest servletRequest;

  @POST
  @Path("create")
  public Response create(JsonObject body) {
    var registered = accounts.register(
        Fields.username(body), Fields.key(body, "password"), client.of(servletRequest));
    return Response.status(Response.Status.CREATED)
        .entity(
            JSON.createObjectBuilder().add("username", registered.username()).build())
        .build();
  }

  @GET
  @Path("auth")
  @KoreaderAuth
  public JsonObject auth() {
    caller.get();
    return JSON.createObjectBuilder().add("authorized", "OK").build();
  }

  @PUT
  @Path("password")
  @KoreaderAuth
  @PersonOnly
  public JsonObject changePassword(JsonObject body) {
    accounts.changePassword(caller.get(), Fields.key(body, "password"));
    return JSON.createObjectBuilder().add("updated", true).build();
  }

  @DELETE
  @Path("me")
  @KoreaderAuth
  @PersonOnly
  public JsonObject delete() {
    accounts.delete(caller.get());
    return JSON.createObjectBuilder().add("deleted", true).build();
  }
}
