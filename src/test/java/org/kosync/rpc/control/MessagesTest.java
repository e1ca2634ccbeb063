package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The frames, byte for byte as the README's "The WebSocket API" shows them. */
class MessagesTest {

  @Test
  void hello() {
    assertEquals(
        "{\"type\":\"rpc\",\"payload\":{\"server_name\":\"KOsync\",\"server_version\":\"1.2.3\","
            + "\"message\":\"KOsync WebSocket API. Hello!\"}}",
        Messages.hello("1.2.3"));
  }

  @Test
  void rpcReplies() {
    assertEquals(
        "{\"type\":\"rpc\",\"payload\":{\"for_rpc\":\"disconnect\",\"result\":\"goodbye.\",\"error\":\"\"}}",
        Messages.rpc("disconnect", Json.createValue("goodbye."), ""));
    assertEquals(
        "{\"type\":\"rpc\",\"payload\":{\"for_rpc\":\"x\",\"result\":null,\"error\":\"Unknown RPC method: 'x'\"}}",
        Messages.rpc("x", JsonValue.NULL, "Unknown RPC method: 'x'"));
  }

  @Test
  void pubsubReplies() {
    assertEquals(
        "{\"type\":\"pubsub\",\"payload\":{\"for_topic\":\"user.documents\",\"data\":\"subscribed\",\"error\":\"\"}}",
        Messages.pubsub("user.documents", Json.createValue("subscribed"), ""));
  }
}
