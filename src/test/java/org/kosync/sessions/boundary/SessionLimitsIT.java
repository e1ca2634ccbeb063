package org.kosync.sessions.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.SocketClient;

/**
 * Limits and housekeeping, with short settings: two sessions per reader, a sweep every second,
 * tokens of five seconds, one allowed foreign origin.
 */
@KoreaderTest
class SessionLimitsIT {

  static final String ALLOWED_ORIGIN = "https://reader.example.org";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync(Map.of(
        "ENABLE_WEBSOCKET_API", "true",
        "kosync.websocket.max-sessions-per-user", "2",
        "kosync.websocket.sweep-interval", "PT1S",
        "JWT_DURATION", "PT5S",
        "kosync.websocket.allowed-origins", ALLOWED_ORIGIN));
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  String uri() {
    return client.get("/api/ws", reader).body();
  }

  static String forRpc(String frame) {
    return Json.createReader(new StringReader(frame))
        .readObject()
        .getJsonObject("payload")
        .getString("for_rpc", "");
  }

  @Test
  void aMessageOver64KiBClosesWith1009() throws Exception {
    try (var socket = SocketClient.open(uri())) {
      socket.next();
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"" + "x".repeat(70 * 1024) + "\"}}");
      assertEquals(1009, socket.closed().code());
    }
  }

  @Test
  void theThirdSessionOfAReaderIsRefused() throws Exception {
    try (var first = SocketClient.open(uri());
        var second = SocketClient.open(uri());
        var third = SocketClient.open(uri())) {
      assertEquals("", forRpc(first.next()));
      assertEquals("", forRpc(second.next()));
      var refusal = third.next();
      assertEquals("connect", forRpc(refusal));
      assertTrue(refusal.contains("Too many open connections"), refusal);
      assertEquals(1008, third.closed().code());
    }
  }

  @Test
  void browserOriginsMustBeTheServersOwnOrAllowed() throws Exception {
    var own = "http://" + client.base().getHost() + ":" + client.base().getPort();
    for (var origin : new String[] {own, ALLOWED_ORIGIN}) {
      try (var socket = SocketClient.openFrom(origin, uri())) {
        assertEquals("", forRpc(socket.next()), origin);
      }
    }
    try (var foreign = SocketClient.openFrom("https://evil.example", uri())) {
      assertEquals("connect", forRpc(foreign.next()));
      assertEquals(1008, foreign.closed().code());
    }
  }

  @Test
  void aTokenThatExpiresWhileConnectedIsClosedByTheJanitor() throws Exception {
    var token = client.get("/api/auth.jwt", reader).body(); // lives 5 s here
    try (var socket = SocketClient.open(client.webSocket("/api/ws/" + token))) {
      assertEquals("", forRpc(socket.next()));
      var closed = socket.closedWithin(15);
      assertEquals(1008, closed.code());
    }
  }
}
