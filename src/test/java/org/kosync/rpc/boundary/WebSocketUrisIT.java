package org.kosync.rpc.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.ServerLogs;

/**
 * {@code /api/ws} with the WebSocket API on and 127.0.0.1 as the only trusted proxy; requests
 * from 127.0.0.2 stand for an untrusted client.
 */
@KoreaderTest
class WebSocketUrisIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets(); // 127.0.0.1 the only trusted proxy
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  String headers(String extra) {
    return "x-auth-user: " + reader.name() + "\r\nx-auth-key: " + reader.key() + "\r\n" + extra;
  }

  @Test
  void aPlainRequestGetsAWsUriWithAShortLivedWebSocketOnlyToken() {
    var reply = client.get("/api/ws", reader);
    assertEquals(200, reply.status(), reply::toString);
    var prefix = client.webSocket("/api/ws/");
    assertTrue(reply.body().startsWith(prefix), reply.body());
    var token = reply.body().substring(prefix.length());
    var claims = Json.createReader(new StringReader(new String(
            Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8)))
        .readObject();
    assertTrue(
        claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue() <= 60);
    assertEquals("websocket", claims.getString("use"));
    assertError(
        client.send(client
            .request("/users/auth")
            .header("Authorization", "Bearer " + token)
            .GET()),
        401,
        2001,
        "Unauthorized");
    var byPost = client.send(KoreaderClient.authenticated(client.request("/api/ws"), reader)
        .POST(KoreaderClient.body("")));
    assertTrue(byPost.body().startsWith(prefix), byPost.body());
  }

  @Test
  void aTrustedProxySetsSchemeAndHost() {
    var reply = client.raw(
        "127.0.0.1",
        "GET",
        "/api/ws",
        headers("X-Forwarded-Proto: https\r\nX-Forwarded-Host: books.example.org\r\n"),
        new byte[0]);
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.body().startsWith("wss://books.example.org/api/ws/"), reply.body());
  }

  @Test
  void anUntrustedClientCannotSpoofThem() {
    var reply = client.raw(
        "127.0.0.2",
        "GET",
        "/api/ws",
        headers("X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"),
        new byte[0]);
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(
        reply.body().startsWith("ws://" + client.base().getHost() + "/api/ws/"), reply.body());
    assertFalse(reply.body().contains("evil"));
  }

  @Test
  void theAccessLogNeverShowsAWebSocketToken() throws Exception {
    var token = client.get("/api/ws", reader).body().replaceAll(".*/api/ws/", "");
    client.send(client.request("/api/ws/" + token).GET());
    var marker = UUID.randomUUID().toString();
    client.send(client.request("/healthcheck?after=" + marker).GET());
    var deadline = System.nanoTime() + 10_000_000_000L;
    var text = "";
    while (System.nanoTime() < deadline) {
      text = ServerLogs.accessLog();
      if (text.contains(marker)) {
        break;
      }
      Thread.sleep(200);
    }
    assertTrue(text.contains(marker), "the access log is on and written");
    assertTrue(text.contains("GET /api/ws "), "requests for a URI are logged");
    assertFalse(text.contains(token), "no WebSocket token in the access log");
    var serverLog = ServerLogs.serverLog();
    assertFalse(serverLog.contains(token), "no WebSocket token in the server log");
  }
}
