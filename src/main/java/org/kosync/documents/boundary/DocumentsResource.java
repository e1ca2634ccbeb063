package org.kosync.documents.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.kosync.auth.boundary.CurrentCaller;
import org.kosync.auth.boundary.KoreaderAuth;
import org.kosync.auth.boundary.SignOnRoute;
import org.kosync.documents.control.DocumentEdits;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.control.HistoryLimit;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

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

  /** {@code ?history=N}: at most N earlier states per document (0: none); without it, kosync.history.in-lists. */
  @GET
  @Path("documents.all")
  public JsonArray all(@QueryParam("history") String history) {
    return DocumentJson.of(documents.all(caller.get().accountId(), HistoryLimit.parse(history)));
  }

  /** {@code ?id=<document>}: one document with its whole history, as in documents.all. */
  @GET
  @Path("documents.get")
  public JsonObject one(@QueryParam("id") String id) {
    if (id == null || id.isEmpty()) {
      throw new SyncException(
          SyncError.INVALID_REQUEST, "'id' names the document: documents.get?id=<document>.");
    }
    return DocumentJson.of(documents
        .withHistory(caller.get().accountId(), id)
        .orElseThrow(() -> new SyncException(SyncError.DOCUMENT_NOT_FOUND)));
  }

  @PUT
  @Path("documents.update")
  public JsonObject update(JsonObject body) {
    var renamed = DocumentEdits.parse(body);
    return DocumentJson.of(documents.rename(caller.get().accountId(), renamed));
  }
}
