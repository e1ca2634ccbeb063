package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketUrisTest {

  @Test
  void urisFollowTrustedProxiesOnly() {
    assertEquals(
        "ws://kosync.lan:8080/api/ws/T",
        WebSocketUris.of(
            false, "kosync.lan:8080", Optional.of("https"), Optional.of("evil"), false, "T"));
    assertEquals(
        "wss://books.example.org/api/ws/T",
        WebSocketUris.of(
            false,
            "10.0.0.5:8080",
            Optional.of("https, http"),
            Optional.of("books.example.org"),
            true,
            "T"));
    assertEquals(
        "wss://kosync.lan/api/ws/T",
        WebSocketUris.of(true, "kosync.lan", Optional.empty(), Optional.empty(), false, "T"));
    assertEquals(
        "ws://kosync.lan/api/ws/T",
        WebSocketUris.of(false, "kosync.lan", Optional.of("http"), Optional.empty(), true, "T"));
  }
}
