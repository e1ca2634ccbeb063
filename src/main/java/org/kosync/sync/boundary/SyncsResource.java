package org.kosync.sync.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.kosync.auth.boundary.CurrentCaller;
import org.kosync.auth.boundary.KoreaderAuth;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentIds;
import org.kosync.sync.control.Fields;
import org.kosync.sync.control.ProgressJson;

@ApplicationScoped
@Path("syncs")
@Produces(MediaType.APPLICATION_JSON)
@KoreaderAuth
public class SyncsResource {

  @Inject
  Documents documents;

  @Inject
  CurrentCaller caller;

  @PUT
  @Path("progress")
  public JsonObject update(JsonObject body) {
    var update = Fields.progressUpdate(body);
    return ProgressJson.receipt(
        update.document(), documents.record(caller.get().accountId(), update));
  }

  /** An unknown document is 200 {}: KOReader reads "no percentage" as "no progress yet". */
  @GET
  @Path("progress/{document}")
  public JsonObject latest(@PathParam("document") String document) {
    if (!DocumentIds.isValid(document)) {
      return ProgressJson.NONE; // PUT refuses such ids, so nothing can be stored under them
    }
    return documents
        .latest(caller.get().accountId(), document)
        .map(ProgressJson::of)
        .orElse(ProgressJson.NONE);
  }
}
