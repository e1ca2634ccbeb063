package org.kosync.rpc.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.RawWebSocket;
import org.kosync.testing.SocketClient;
import org.kosync.testing.TestDatabase;
import org.kosync.testing.TestTokens;

/** The WebSocket endpoint's door: the token in the path, the hello, RPC and disconnect. */
@KoreaderTest
class RpcEndpointIT {

  static final String HELLO_PREFIX =
      "{\"type\":\"rpc\",\"payload\":{\"server_name\":\"KOsync\",\"server_version\":\"";

  @Deployment(testable = false)
  static WebArchive deployment() {
    // with a small outbox, so that a reader who stops reading overflows it quickly
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  String uri() {
    var reply = client.get("/api/ws", reader);
    assertEquals(200, reply.status(), reply::toString);
    return reply.body();
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void aNewPasswordOrADeletedAccountClosesItsOpenSockets(User other) throws Exception {
    try (var bystander = SocketClient.open(client.get("/api/ws", other).body());
        var socket = SocketClient.open(uri())) {
      bystander.next(); // hello
      socket.next();
      var renewed = new User(reader.name(), KoreaderClient.md5("a password of its own"));
      var changed =
          client.put("/users/password", reader, "{\"password\":\"" + renewed.key() + "\"}");
      assertEquals(200, changed.status(), changed::toString);
      var closed = socket.closedWithin(5);
      assertEquals(1008, closed.code(), closed::toString);
      reader = renewed; // the new password opens a new socket
      try (var again = SocketClient.open(uri())) {
        again.next();
        assertEquals(200, client.delete("/users/me", reader).status());
        assertEquals(1008, again.closedWithin(5).code());
      }
      // another account's socket is untouched by either
      bystander.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\"}}");
      assertEquals("", json(bystander.next()).getJsonObject("payload").getString("error"));
    }
  }

  @Test
  void greetsWithTheHelloAndSaysGoodbye() throws Exception {
    try (var socket = SocketClient.open(uri())) {
      assertEquals(
          HELLO_PREFIX + Deployments.version()
              + "\",\"message\":\"KOsync WebSocket API. Hello!\"}}",
          socket.next());
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"disconnect\"}}");
      assertEquals(
          "{\"type\":\"rpc\",\"payload\":{\"for_rpc\":\"disconnect\",\"result\":\"goodbye.\",\"error\":\"\"}}",
          socket.next());
      assertEquals(1000, socket.closed().code());
    }
  }

  @Test
  void aUriTokenOpensOneConnectionOnly() throws Exception {
    var uri = uri();
    try (var first = SocketClient.open(uri)) {
      assertTrue(first.next().startsWith(HELLO_PREFIX));
    }
    try (var second = SocketClient.open(uri)) {
      var refusal = json(second.next()).getJsonObject("payload");
      assertEquals("connect", refusal.getString("for_rpc"));
      assertTrue(!refusal.getString("error").isEmpty());
      assertEquals(1008, second.closed().code());
    }
  }

  @Test
  void anExpiredUriTokenIsRefused() throws Exception {
    var accountId = Long.parseLong(
        TestDatabase.queryString("select id from accounts where username = ?", reader.name())
            .orElseThrow());
    var key = TestTokens.serverKey();
    var stale = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {
          c.setClaim("use", "websocket");
          c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 70));
          c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 10));
        }),
        key,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        TestTokens.kidOf(TestTokens.publicOf(key)));
    try (var socket = SocketClient.open(client.webSocket("/api/ws/" + stale))) {
      assertEquals("connect", json(socket.next()).getJsonObject("payload").getString("for_rpc"));
      assertEquals(1008, socket.closed().code());
    }
  }

  @Test
  void aForgedOrGarbageTokenIsRefused() throws Exception {
    var forged = TestTokens.sign(
        TestTokens.claims(1, reader.name(), c -> {}),
        TestTokens.newRsaKey().getPrivate(),
        AlgorithmIdentifiers.RSA_USING_SHA256,
        "whatever");
    for (var token : new String[] {forged, "garbage"}) {
      try (var socket = SocketClient.open(client.webSocket("/api/ws/" + token))) {
        assertEquals("connect", json(socket.next()).getJsonObject("payload").getString("for_rpc"));
        assertEquals(1008, socket.closed().code());
      }
    }
  }

  @Test
  void anAuthJwtTokenWorksInThePathMoreThanOnce() throws Exception {
    var token = client.get("/api/auth.jwt", reader).body();
    for (var i = 0; i < 2; i++) {
      try (var socket = SocketClient.open(client.webSocket("/api/ws/" + token))) {
        assertTrue(socket.next().startsWith(HELLO_PREFIX));
      }
    }
  }

  @Test
  void documentsAllEqualsTheRestListAndMistakesKeepTheConnection() throws Exception {
    client.pushProgress(reader, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "/p[1]", 0.1, "Kobo");
    client.pushProgress(reader, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "/p[2]", 0.2, "Kobo");
    var rest = Json.createReader(
            new StringReader(client.get("/api/documents.all", reader).body()))
        .readArray();
    try (var socket = SocketClient.open(uri())) {
      socket.next();
      socket.send("not json");
      assertTrue(
          !json(socket.next()).getJsonObject("payload").getString("error").isEmpty());
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"books.burn\"}}");
      assertEquals(
          "Unknown RPC method: 'books.burn'",
          json(socket.next()).getJsonObject("payload").getString("error"));
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\"}}");
      var reply = json(socket.next()).getJsonObject("payload");
      assertEquals("documents.all", reply.getString("for_rpc"));
      assertEquals("", reply.getString("error"));
      assertEquals(rest, reply.getJsonArray("result"));

      // a list without history, and one document with all of it: as on REST
      var restWithout = Json.createReader(new StringReader(
              client.get("/api/documents.all?history=0", reader).body()))
          .readArray();
      socket.send(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\",\"arguments\":{\"history\":0}}}");
      assertEquals(
          restWithout, json(socket.next()).getJsonObject("payload").getJsonArray("result"));
      socket.send(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.get\",\"arguments\":{\"id\":\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}}}");
      var one = json(socket.next()).getJsonObject("payload");
      assertEquals("documents.get", one.getString("for_rpc"));
      assertEquals(
          client
              .get("/api/documents.get?id=eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", reader)
              .json(),
          one.getJsonObject("result"));
      assertEquals(1, one.getJsonObject("result").getJsonArray("history").size());
    }
  }

  @Test
  void everyMalformedMessageGetsAClearErrorAndChangesNothing(User stranger) throws Exception {
    var book = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    client.pushProgress(reader, book, "/p[7]", 0.7, "Kobo");
    client.pushProgress(stranger, "dcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdc", "/p[9]", 0.9, "Kindle");
    var before = client.get("/api/documents.all", reader).body();
    var strangersBefore = client.get("/api/documents.all", stranger).body();
    var update = "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.update\",\"arguments\":";
    var malformed = new LinkedHashMap<String, String>();
    malformed.put("not JSON", "{\"type\":");
    malformed.put("a JSON array", "[\"rpc\"]");
    malformed.put("a JSON string", "\"documents.all\"");
    malformed.put("no payload", "{\"type\":\"rpc\"}");
    malformed.put("payload not an object", "{\"type\":\"rpc\",\"payload\":[]}");
    malformed.put("unknown type", "{\"type\":\"rpcx\",\"payload\":{\"method\":\"documents.all\"}}");
    malformed.put("no type", "{\"payload\":{\"method\":\"documents.all\"}}");
    malformed.put("method not a string", "{\"type\":\"rpc\",\"payload\":{\"method\":42}}");
    malformed.put(
        "unknown method", "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.delete\"}}");
    malformed.put(
        "unknown topic", "{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.secrets\"}}");
    malformed.put(
        "no arguments", update.substring(0, update.length() - ",\"arguments\":".length()) + "}}");
    malformed.put("arguments not an object", update + "[]}}");
    malformed.put("document not an object", update + "{\"document\":\"" + book + "\"}}}");
    malformed.put("document without id", update + "{\"document\":{\"pretty_name\":\"X\"}}}}");
    malformed.put(
        "pretty_name not a string",
        update + "{\"document\":{\"id\":\"" + book + "\",\"pretty_name\":5}}}}");
    malformed.put(
        "pretty_name too long",
        update + "{\"document\":{\"id\":\"" + book + "\",\"pretty_name\":\"" + "x".repeat(300)
            + "\"}}}}");
    malformed.put(
        "someone else's document",
        update
            + "{\"document\":{\"id\":\"dcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdc\",\"pretty_name\":\"X\"}}}}");
    try (var socket = SocketClient.open(uri())) {
      socket.next();
      for (var entry : malformed.entrySet()) {
        socket.send(entry.getValue());
        var payload = json(socket.next()).getJsonObject("payload");
        assertTrue(
            !payload.getString("error", "").isBlank(), () -> entry.getKey() + ": " + payload);
      }
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\"}}");
      assertEquals(
          "",
          json(socket.next()).getJsonObject("payload").getString("error"),
          "the connection is still usable");
    }
    assertEquals(before, client.get("/api/documents.all", reader).body());
    assertEquals(strangersBefore, client.get("/api/documents.all", stranger).body());
  }

  static final String SUBSCRIBE =
      "{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}";
  static final String SUBSCRIBED =
      "{\"type\":\"pubsub\",\"payload\":{\"for_topic\":\"user.documents\",\"data\":\"subscribed\",\"error\":\"\"}}";

  @Test
  void aPushIsAnnouncedToTheReadersSubscribedSessionsOnly(User other) throws Exception {
    var otherUri = client.get("/api/ws", other).body();
    try (var subscribed = SocketClient.open(uri());
        var twice = SocketClient.open(uri());
        var unsubscribed = SocketClient.open(uri());
        var stranger = SocketClient.open(otherUri)) {
      for (var socket : new SocketClient[] {subscribed, twice, unsubscribed, stranger}) {
        socket.next();
      }
      for (var socket : new SocketClient[] {subscribed, twice, twice, stranger}) {
        socket.send(SUBSCRIBE);
        assertEquals(SUBSCRIBED, socket.next());
      }
      assertEquals(
          200,
          client
              .pushProgress(reader, "ffffffffffffffffffffffffffffffff", "/p[42]", 0.42, "Kobo")
              .status());
      var announce = json(subscribed.nextWithin(1)); // the issue: within 1 s of the push
      assertEquals("pubsub", announce.getString("type"));
      assertEquals("user.documents", announce.getJsonObject("payload").getString("for_topic"));
      var data = announce.getJsonObject("payload").getJsonObject("data");
      assertEquals("ffffffffffffffffffffffffffffffff", data.getString("id"));
      assertEquals("/p[42]", data.getString("progress"));
      assertEquals("Kobo", data.getString("device"));
      assertEquals(json(twice.next()), announce);
      // the next thing each of the others receives is the reply to a ping, not an announce
      for (var socket : new SocketClient[] {twice, unsubscribed, stranger}) {
        socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"ping.nothing\"}}");
        assertEquals("rpc", json(socket.next()).getString("type"));
      }
    }
  }

  @Test
  void anUpdateRepliesAndIsAnnouncedOnTheOtherSession() throws Exception {
    client.pushProgress(reader, "abababababababababababababababab", "/p[1]", 0.1, "Kobo");
    try (var editor = SocketClient.open(uri());
        var watcher = SocketClient.open(uri())) {
      editor.next();
      watcher.next();
      watcher.send(SUBSCRIBE);
      assertEquals(SUBSCRIBED, watcher.next());
      editor.send(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.update\",\"arguments\":{\"document\":"
              + "{\"id\":\"abababababababababababababababab\",\"pretty_name\":\"Renamed\"}}}}");
      var reply = json(editor.next()).getJsonObject("payload");
      assertEquals("", reply.getString("error"));
      assertEquals("Renamed", reply.getJsonObject("result").getString("pretty_name"));
      var announce = json(watcher.next()).getJsonObject("payload").getJsonObject("data");
      assertEquals("Renamed", announce.getString("pretty_name"));
      editor.send(
          "{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.update\",\"arguments\":{}}}");
      assertTrue(
          !json(editor.next()).getJsonObject("payload").getString("error").isEmpty());
    }
  }

  @Test
  void aReaderThatStopsReadingIsClosedWith1013AndHoldsUpNobody() throws Exception {
    var book = "0123456789abcdef0123456789abcdef";
    var page = "/body/DocFragment[1]/" + "p".repeat(1950);
    // ~10 MB of announces: more than the kernel's socket buffers and the 64 Ki queue hold
    var pushes = 4000;
    var writers = Executors.newFixedThreadPool(4);
    try (var stalled = RawWebSocket.stalled(uri());
        var watcher = SocketClient.open(uri())) {
      assertTrue(stalled.next().startsWith(HELLO_PREFIX));
      stalled.send(SUBSCRIBE);
      assertEquals(SUBSCRIBED, stalled.next());
      watcher.next();
      watcher.send(SUBSCRIBE);
      watcher.next();
      var statuses = new ArrayList<Future<Integer>>();
      for (int i = 0; i < pushes; i++) {
        var progress = page + i;
        statuses.add(writers.submit(
            () -> client.pushProgress(reader, book, progress, 0.5, "Kobo").status()));
      }
      // one announce per push; each carries the document as it is when sent, so the last ones show
      // the final state
      var announced = new HashSet<String>();
      for (int i = 0; i < pushes; i++) {
        announced.add(json(watcher.next())
            .getJsonObject("payload")
            .getJsonObject("data")
            .getString("progress"));
      }
      for (var status : statuses) {
        assertEquals(200, status.get());
      }
      assertTrue(announced.contains(
          client.get("/syncs/progress/" + book, reader).json().getString("progress")));
      assertEquals(1013, stalled.drainToClose());
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void aBinaryMessageClosesWith1003(KoreaderClient client, User reader) throws Exception {
    try (var socket = RawWebSocket.open(client.get("/api/ws", reader).body())) {
      socket.next(); // hello
      socket.send(2, new byte[] {1, 2, 3});
      assertEquals(1003, socket.drainToClose());
    }
  }

  /** The 64 KiB limit holds while a frame arrives: a 64 MiB frame is refused long before it is all sent. */
  @Test
  void aHugeFrameIsRefusedWhileItArrives(KoreaderClient client, User reader) throws Exception {
    try (var socket = RawWebSocket.open(client.get("/api/ws", reader).body())) {
      socket.next();
      var announced = 64L * 1024 * 1024;
      socket.header(1, announced);
      var sent = socket.stream(announced);
      assertTrue(
          sent < announced / 4,
          "sent " + sent + " of " + announced + " bytes before the server refused");
    }
    // the server is well and the reader can connect again
    try (var socket = SocketClient.open(client.get("/api/ws", reader).body())) {
      assertTrue(socket.next().contains("Hello!"));
    }
  }

  @Test
  void deeplyNestedJsonGetsAnErrorAndTheConnectionStays(KoreaderClient client, User reader)
      throws Exception {
    try (var socket = SocketClient.open(client.get("/api/ws", reader).body())) {
      socket.next();
      socket.send("{\"type\":\"rpc\",\"payload\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
      assertEquals(
          "JSON nested deeper than 32 levels.",
          json(socket.next()).getJsonObject("payload").getString("error"));
      socket.send("{\"type\":\"rpc\",\"payload\":{\"method\":\"documents.all\"}}");
      assertEquals(
          "[]", json(socket.next()).getJsonObject("payload").get("result").toString());
    }
  }
}
