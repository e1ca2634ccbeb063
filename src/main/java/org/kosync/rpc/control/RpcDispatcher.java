package org.kosync.rpc.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.OptionalInt;
import org.kosync.auth.entity.Caller;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.control.DocumentEdits;
import org.kosync.documents.control.DocumentJson;
import org.kosync.documents.control.HistoryLimit;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.sync.control.JsonBodies;

/** One incoming frame → its reply. Every mistake gets a reply with an {@code error}, and the connection stays usable. */
@ApplicationScoped
public class RpcDispatcher {

  /** The frame to send back; {@code thenClose} after {@code disconnect}; {@code subscribe} to user.documents. */
  public record Reply(String text, boolean thenClose, boolean subscribe) {
    static Reply of(String text) {
      return new Reply(text, false, false);
    }
  }

  static final String DISCONNECT = "disconnect";
  static final String GOODBYE = "goodbye.";
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject
  Documents documents;

  public Reply handle(Caller caller, String text) {
    JsonObject frame;
    try {
      frame = JsonBodies.parseObject(text);
    } catch (SyncException e) {
      return Reply.of(Messages.rpc(
          "",
          JsonValue.NULL,
          switch (e.error()) {
            case MALFORMED_JSON -> "The message is not JSON.";
            case NOT_A_JSON_OBJECT ->
              "A message must be a JSON object {\"type\":…,\"payload\":{…}}.";
            default -> e.detail().orElse(e.getMessage());
          }));
    }
    var type = frame.get("type") instanceof JsonString s ? s.getString() : null;
    if (!(frame.get("payload") instanceof JsonObject payload)) {
      return Reply.of(Messages.rpc("", JsonValue.NULL, "The message needs a \"payload\" object."));
    }
    if ("rpc".equals(type)) {
      return rpc(caller, payload);
    }
    if ("pubsub".equals(type)) {
      var topic = payload.get("topic") instanceof JsonString s ? s.getString() : "";
      if (Messages.USER_DOCUMENTS.equals(topic)) {
        return new Reply(Messages.pubsub(topic, JSON.createValue("subscribed"), ""), false, true);
      }
      return Reply.of(
          Messages.pubsub(topic, JsonValue.NULL, "Unknown PubSub topic: '" + topic + "'"));
    }
    return Reply.of(Messages.rpc(
        "",
        JsonValue.NULL,
        "Unknown message type: '" + (type == null ? "" : type) + "' (expected rpc or pubsub)."));
  }

  private Reply rpc(Caller caller, JsonObject payload) {
    if (!(payload.get("method") instanceof JsonString name)) {
      return Reply.of(
          Messages.rpc("", JsonValue.NULL, "An rpc payload needs a \"method\" string."));
    }
    var method = name.getString();
    var arguments = payload.get("arguments");
    try {
      return switch (method) {
        case "documents.all" ->
          Reply.of(Messages.rpc(
              method,
              DocumentJson.of(documents.all(caller.accountId(), historyLimit(arguments))),
              ""));
        case "documents.get" -> Reply.of(Messages.rpc(method, one(caller, arguments), ""));
        case "documents.update" -> Reply.of(Messages.rpc(method, update(caller, arguments), ""));
        case DISCONNECT ->
          new Reply(Messages.rpc(method, JSON.createValue(GOODBYE), ""), true, false);
        default ->
          Reply.of(Messages.rpc(method, JsonValue.NULL, "Unknown RPC method: '" + method + "'"));
      };
    } catch (SyncException e) {
      return Reply.of(Messages.rpc(method, JsonValue.NULL, e.getMessage()));
    }
  }

  // {"history": N}, as documents.all?history=N on REST; without it, the server's default
  private static OptionalInt historyLimit(JsonValue arguments) {
    if (!(arguments instanceof JsonObject args) || !args.containsKey("history")) {
      return OptionalInt.empty();
    }
    if (!(args.get("history") instanceof JsonNumber number)) {
      throw new SyncException(SyncError.INVALID_REQUEST, "Argument 'history' must be a number.");
    }
    return HistoryLimit.parse(number.toString());
  }

  private JsonValue one(Caller caller, JsonValue arguments) {
    if (!(arguments instanceof JsonObject args) || !(args.get("id") instanceof JsonString id)) {
      throw new SyncException(
          SyncError.INVALID_REQUEST, "Argument 'id' (a document id) is required.");
    }
    return DocumentJson.of(documents
        .withHistory(caller.accountId(), id.getString())
        .orElseThrow(() -> new SyncException(SyncError.DOCUMENT_NOT_FOUND)));
  }

  private JsonValue update(Caller caller, JsonValue arguments) {
    if (!(arguments instanceof JsonObject args)
        || !(args.get("document") instanceof JsonObject document)) {
      throw new SyncException(
          SyncError.INVALID_REQUEST, "Argument 'document' (a document object) is required.");
    }
    return DocumentJson.of(documents.rename(caller.accountId(), DocumentEdits.parse(document)));
  }
}
