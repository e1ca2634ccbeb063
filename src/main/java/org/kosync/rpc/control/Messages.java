package org.kosync.rpc.control;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** The WebSocket API's frames, field for field as the README's "The WebSocket API" shows them. */
public final class Messages {

  /** The one PubSub topic: changes to the reader's documents. */
  public static final String USER_DOCUMENTS = "user.documents";

  private static final JsonProvider JSON = JsonProvider.provider();

  private Messages() {}

  public static String hello(String version) {
    return frame(
        "rpc",
        JSON.createObjectBuilder()
            .add("server_name", "KOsync")
            .add("server_version", version)
            .add("message", "KOsync WebSocket API. Hello!")
            .build());
  }

  public static String rpc(String method, JsonValue result, String error) {
    return frame(
        "rpc",
        JSON.createObjectBuilder()
            .add("for_rpc", method)
            .add("result", result)
            .add("error", error)
            .build());
  }

  public static String pubsub(String topic, JsonValue data, String error) {
    return frame(
        "pubsub",
        JSON.createObjectBuilder()
            .add("for_topic", topic)
            .add("data", data)
            .add("error", error)
            .build());
  }

  private static String frame(String type, JsonValue payload) {
    return JSON.createObjectBuilder()
        .add("type", type)
        .add("payload", payload)
        .build()
        .toString();
  }
}
