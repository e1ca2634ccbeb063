package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.kosync.auth.entity.Caller;

/** Parsing of incoming frames: what is answered before any document is touched (no database here). */
class RpcDispatcherTest {

  final RpcDispatcher dispatcher = new RpcDispatcher(); // no Documents: none of these may reach it
  final Caller caller = new Caller(1, "reader");

  String error(String frame) {
    var reply = dispatcher.handle(caller, frame);
    assertFalse(reply.thenClose() || reply.subscribe(), frame);
    return Json.createReader(new StringReader(reply.text()))
        .readObject()
        .getJsonObject("payload")
        .getString("error");
  }

  @Test
  void malformedFramesGetAClearError() {
    assertEquals("The message is not JSON.", error("{\"type\":"));
    assertEquals("The message is not JSON.", error(""));
    assertTrue(error("[1]").startsWith("A message must be a JSON object"));
    assertTrue(error("\"rpc\"").startsWith("A message must be a JSON object"));
    assertEquals("The message needs a \"payload\" object.", error("{\"type\":\"rpc\"}"));
    assertEquals(
        "The message needs a \"payload\" object.",
        error("{\"type\":\"rpc\",\"payload\":\"documents.all\"}"));
    assertEquals(
        "Unknown message type: 'rpcx' (expected rpc or pubsub).",
        error("{\"type\":\"rpcx\",\"payload\":{}}"));
    assertEquals(
        "Unknown message type: '' (expected rpc or pubsub).", error("{\"type\":7,\"payload\":{}}"));
    assertEquals(
        "An rpc payload needs a \"method\" string.",
        error("{\"type\":\"rpc\",\"payload\":{\"method\":[]}}"));
    assertEquals(
        "Unknown RPC method: 'documents.drop'",
        error("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.drop\"}}"));
    assertEquals(
        "Unknown PubSub topic: 'user.all'",
        error("{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.all\"}}"));
  }

  @Test
  void documentsAllAndGetCheckTheirArgumentsFirst() {
    for (var history : new String[] {"-1", "1.5", "\"3\"", "null", "1e3"}) {
      assertTrue(
          error(
                  "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\",\"arguments\":{\"history\":"
                      + history + "}}}")
              .contains("history"),
          history);
    }
    assertTrue(error("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.get\"}}")
        .endsWith("Argument 'id' (a document id) is required."));
    assertTrue(error(
            "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.get\",\"arguments\":{\"id\":7}}}")
        .endsWith("Argument 'id' (a document id) is required."));
  }

  @Test
  void deepNestingAndOutlandishNumbersGetAnErrorToo() {
    assertEquals(
        "JSON nested deeper than 32 levels.",
        error("{\"type\":\"rpc\",\"payload\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"));
    assertEquals(
        "A number is out of range.",
        error("{\"type\":\"rpc\",\"payload\":{\"method\":1e9999999999}}"));
  }

  @Test
  void anUpdateWithoutADocumentObjectIsRefusedBeforeTheDatabase() {
    for (var arguments : new String[] {
      "", ",\"arguments\":null", ",\"arguments\":[]", ",\"arguments\":{\"document\":\"abc\"}"
    }) {
      var text = error(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.update\"" + arguments + "}}");
      assertFalse(text.isBlank(), arguments);
    }
  }

  @Test
  void subscribeAndDisconnectSayWhatTheEndpointMustDoNext() {
    var subscribe = dispatcher.handle(
        caller, "{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}");
    assertTrue(subscribe.subscribe());
    assertEquals(
        "{\"type\":\"pubsub\",\"payload\":{\"for_topic\":\"user.documents\",\"data\":\"subscribed\",\"error\":\"\"}}",
        subscribe.text());
    var goodbye =
        dispatcher.handle(caller, "{\"type\":\"rpc\",\"payload\":{\"method\":\"disconnect\"}}");
    assertTrue(goodbye.thenClose());
    assertEquals(
        "{\"type\":\"rpc\",\"payload\":{\"for_rpc\":\"disconnect\",\"result\":\"goodbye.\",\"error\":\"\"}}",
        goodbye.text());
  }
}
