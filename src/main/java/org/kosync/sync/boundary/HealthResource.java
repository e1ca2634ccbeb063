package org.kosync.sync.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@ApplicationScoped
@Path("healthcheck")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  private static final JsonObject OK =
      JsonProvider.provider().createObjectBuilder().add("state", "OK").build();

  @GET
  public JsonObject check() {
    return OK;
  }
}
