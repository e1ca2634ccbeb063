package org.kosync.documents.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.kosync.auth.boundary.CurrentCaller;
import org.kosync.auth.boundary.KoreaderAuth;
import org.kosync.auth.boundary.SignOnRoute;
import org.kosync.documents.control.DocumentEdits;
import org.kosync.documents.control.DocumentJson;

/** The JSON API's documents: the reader's books with their history, and the names they give them. */
@ApplicationScoped
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
@KoreaderAuth
@SignOnRoute
public class DocumentsResource {

  @Inject
  Documents documents;

  @Inject
  CurrentCaller caller;

  @GET
  @Path("documents.all")
  public JsonArray all() {
    return DocumentJson.of(documents.all(caller.get().accountId()));
  }

  @PUT
  @Path("documents.update")
  public JsonObject update(JsonObject body) {
    var renamed = DocumentEdits.parse(body);
    return DocumentJson.of(documents.rename(caller.get().accountId(), renamed));
  }
}
