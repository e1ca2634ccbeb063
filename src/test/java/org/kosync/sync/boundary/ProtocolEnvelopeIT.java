package org.kosync.sync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.glassfish.tyrus.core.HandshakeException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.SocketClient;

/** Health, unknown routes, and the default (lenient) Accept policy. */
@KoreaderTest
class ProtocolEnvelopeIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  KoreaderClient client;

  @BeforeEach
  void connect(KoreaderClient client) {
    this.client = client;
  }

  @Test
  void healthcheck() {
    assertJson(client.send(client.request("/healthcheck").GET()), 200, "{\"state\":\"OK\"}");
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    assertJson(
        client.send(client.request("/no/such/route").GET()),
        404,
        "{\"code\":404,\"message\":\"Not Found.\"}");
    assertJson(
        client.send(client.request("/api").GET()),
        404,
        "{\"code\":404,\"message\":\"Not Found.\"}");
    // / is the web page (org.kosync.page): other methods there are the API's JSON 405
    assertJson(
        client.send(client.request("/").POST(HttpRequest.BodyPublishers.noBody())),
        405,
        "{\"code\":405,\"message\":\"Method Not Allowed.\"}");
    assertJson(
        client.send(client.request("/healthcheck").DELETE()),
        405,
        "{\"code\":405,\"message\":\"Method Not Allowed.\"}");
  }

  @Test
  void theWebSocketApiIsOffUnlessEnabled(User reader) {
    var notFound = "{\"code\":404,\"message\":\"Not Found.\"}";
    assertJson(client.send(client.request("/api/ws").GET()), 404, notFound);
    assertJson(client.get("/api/ws", reader), 404, notFound);
    assertJson(client.send(client.request("/api/ws/some.token.here").GET()), 404, notFound);
    var refused = assertThrows(
        IllegalStateException.class,
        () -> SocketClient.open(client.webSocket("/api/ws/some.token.here")));
    var handshake = Stream.iterate((Throwable) refused, e -> e != null, Throwable::getCause)
        .filter(HandshakeException.class::isInstance)
        .map(HandshakeException.class::cast)
        .findFirst();
    assertTrue(handshake.isPresent(), refused::toString);
    assertEquals(404, handshake.get().getHttpStatusCode());
  }

  @Test
  void lenientAcceptServesCurlAndBrowsers(User user) {
    for (var accept : new String[] {
      "*/*",
      "application/json",
      "text/html,application/xhtml+xml,*/*;q=0.8",
      KoreaderClient.KOREADER_ACCEPT
    }) {
      assertJson(
          client.send(KoreaderClient.authenticated(client.request("/users/auth"), user)
              .setHeader("Accept", accept)
              .GET()),
          200,
          "{\"authorized\":\"OK\"}");
    }
    var headers = "x-auth-user: " + user.name() + "\r\nx-auth-key: " + user.key() + "\r\n";
    assertJson(
        client.raw("GET", "/users/auth", headers, new byte[0]), 200, "{\"authorized\":\"OK\"}");
  }

  @Test
  void lenientAcceptStillRefusesAnotherProtocolVersion() {
    assertError(
        client.send(client
            .request("/healthcheck")
            .setHeader("Accept", "application/vnd.koreader.v2+json")
            .GET()),
        412,
        102,
        "Unsupported version specified in the Accept header.");
  }
}
