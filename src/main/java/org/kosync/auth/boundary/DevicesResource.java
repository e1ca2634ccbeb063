package org.kosync.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.kosync.auth.control.DeviceNames;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * {@code /api/devices}: a sync key per e-reader. The person types {@code username} and {@code
 * password} into KOReader's "Progress sync" login; the password is in the answer to the POST and
 * nowhere else. Times are Unix seconds, as everywhere in the API.
 */
@ApplicationScoped
@Path("api/devices")
@Produces(MediaType.APPLICATION_JSON)
@KoreaderAuth
@SignOnRoute
public class DevicesResource {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject
  DeviceKeys devices;

  @Inject
  CurrentCaller caller;

  @POST
  public Response create(JsonObject body) {
    var created = devices.create(caller.get(), DeviceNames.parse(body));
    var json = described(created.key()).add("password", created.password()).build();
    return Response.status(Response.Status.CREATED).entity(json).build();
  }

  @GET
  public JsonArray list() {
    var keys = JSON.createArrayBuilder();
    devices
        .of(caller.get())
        .forEach(key -> keys.add(described(key)
            .add(
                "last_used",
                key.lastUsedAt()
                    .<JsonValue>map(at -> JSON.createValue(at.getEpochSecond()))
                    .orElse(JsonValue.NULL))));
    return keys.build();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    devices.revoke(caller.get(), parsed(id));
    return Response.noContent().build();
  }

  private static long parsed(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new SyncException(SyncError.DEVICE_KEY_NOT_FOUND);
    }
  }

  private static JsonObjectBuilder described(DeviceKey key) {
    return JSON.createObjectBuilder()
        .add("id", key.id())
        .add("name", key.name())
        .add("username", key.login())
        .add("created", key.createdAt().getEpochSecond());
  }
}
