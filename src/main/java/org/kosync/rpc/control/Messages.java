package org.kosync.rpc.control;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** The WebSocket API's frames (the seed's shapes, field for field). */
public final class Messages {

  private static final JsonProvider JSON = JsonProvider.provider();

  private Messages() {}

  public static String hello(String version) {
    return frame("rpc", JSON.createObjectBuilder()
        .add("server_name", "KOsync")
        .add("server_version", version)
        .add("message", "KOsync WebSocket API. Hello!")
        .build());
  }

  public static String rpc(String method, JsonValue result, String error) {
    return frame("rpc", JSON.createObjectBuilder().add("for_rpc", method).add("result", result).add("error", error).build());
  }

  public static String pubsub(String topic, JsonValue data, String error) {
    return frame("pubsub", JSON.createObjectBuilder().add("for_topic", topic).add("data", data).add("error", error).build());
  }

  private static String frame(String type, JsonValue payload) {
    return JSON.createObjectBuilder().add("type", type).add("payload", payload).build().toString();
  }
}
