package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.kosync.auth.entity.Caller;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.entity.DocumentRenamed;
import org.kosync.documents.entity.DocumentView;
import org.kosync.documents.entity.ProgressState;
import org.kosync.testing.FuzzedJson;

/**
 * Any WebSocket text message, as text or as a JSON shape near the protocol's: the dispatcher
 * answers every one with a frame that is a JSON object of the protocol's shape ({@code type},
 * {@code payload} with an {@code error} string), and never throws. Documents are stubbed: what
 * reaches them is a valid request.
 */
class RpcDispatcherFuzzTest {

  static final JsonProvider JSON = JsonProvider.provider();

  static final List<String> NAMES = List.of(
      "type",
      "payload",
      "method",
      "arguments",
      "topic",
      "document",
      "id",
      "pretty_name",
      "history");
  static final Caller READER = new Caller(7, "reader");
  static final ProgressState STATE =
      new ProgressState("doc", "/body/p[1]", 0.5, "dev", Optional.empty(), Instant.EPOCH);

  final RpcDispatcher dispatcher = new RpcDispatcher();

  RpcDispatcherFuzzTest() {
    dispatcher.documents = new Documents() {
      @Override
      public List<DocumentView> all(long accountId, OptionalInt historyLimit) {
        return List.of(new DocumentView(STATE, "", List.of(STATE)));
      }

      @Override
      public Optional<DocumentView> withHistory(long accountId, String document) {
        return Optional.of(new DocumentView(STATE, "", List.of(STATE)));
      }

      @Override
      public DocumentView rename(long accountId, DocumentRenamed renamed) {
        return new DocumentView(STATE, renamed.prettyName(), List.of());
      }
    };
  }

  @FuzzTest
  @DictionaryEntries({
    "rpc",
    "pubsub",
    "documents.all",
    "documents.update",
    "documents.get",
    "disconnect",
    "user.documents",
    "\"type\":\"rpc\"",
    "\"payload\":{",
    "\"method\":",
    "\"arguments\":{\"document\":{"
  })
  void frames(FuzzedDataProvider data) {
    String text;
    if (data.consumeBoolean()) {
      text = data.consumeRemainingAsString();
    } else {
      var frame = new FuzzedJson(data, NAMES).object();
      text = data.consumeBoolean() ? frame.toString() : frame.toString().replace("\"", "'");
    }
    var reply = dispatcher.handle(READER, text);
    var answer = JSON.createReader(new StringReader(reply.text())).readObject();
    assertTrue(answer.get("type") instanceof JsonString, reply.text());
    var payload = answer.get("payload");
    assertTrue(payload instanceof JsonObject, reply.text());
    var error = ((JsonObject) payload).get("error");
    assertNotNull(error, reply.text());
    if (error instanceof JsonString e && !e.getString().isEmpty()) {
      assertFalse(reply.thenClose() || reply.subscribe(), reply.text());
    }
  }
}
