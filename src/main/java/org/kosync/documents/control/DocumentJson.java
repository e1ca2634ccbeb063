package org.kosync.documents.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import org.kosync.documents.entity.DocumentView;
import org.kosync.documents.entity.ProgressState;

/** The document object of the JSON API (README, "The JSON API"), in one place. */
public final class DocumentJson {

  private static final JsonProvider JSON = JsonProvider.provider();

  private DocumentJson() {}

  public static JsonArray of(List<DocumentView> documents) {
    var array = JSON.createArrayBuilder();
    documents.forEach(d -> array.add(of(d)));
    return array.build();
  }

  public static JsonObject of(DocumentView document) {
    var history = JSON.createArrayBuilder();
    document.history().forEach(h -> history.add(state(h, document.prettyName())));
    return state(document.latest(), document.prettyName())
        .add("id", document.latest().document())
        .add("history", history)
        .build();
  }

  /** As announced over PubSub: the same object, with {@code history} null. */
  public static JsonObject announced(DocumentView document) {
    return state(document.latest(), document.prettyName())
        .add("id", document.latest().document())
        .addNull("history")
        .build();
  }

  private static JsonObjectBuilder state(ProgressState state, String prettyName) {
    return JSON.createObjectBuilder()
        .add("document", state.document())
        .add("progress", state.progress())
        .add("percentage", state.percentage())
        .add("device", state.device())
        .add("device_id", state.deviceId().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
        .add("timestamp", state.updatedAt().getEpochSecond())
        .add("pretty_name", prettyName);
  }
}
