package org.kosync.sync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;

/** Reading progress over the KOReader protocol. */
@KoreaderTest
class SyncsResourceIT {

  static final String BOOK = "043f11771ef9d191364ac0ba08198d36";
  static final String DEVICE_ID = "0123456789ABCDEF0123456789ABCDEF";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  @Test
  void pushesAndPullsExactly() {
    var before = Instant.now().getEpochSecond();
    var receipt = client.pushProgress(
        reader, BOOK, "/body/DocFragment[20]/body/p[22]/img.0", 0.3569, "Kobo Libra 2");
    var after = Instant.now().getEpochSecond();
    assertEquals(200, receipt.status());
    var timestamp = receipt.json().getJsonNumber("timestamp").longValueExact();
    assertTrue(
        timestamp >= before - 1 && timestamp <= after + 1,
        "server clock, Unix seconds: " + timestamp);
    assertJson(receipt, 200, "{\"document\":\"" + BOOK + "\",\"timestamp\":" + timestamp + "}");
    assertJson(
        client.get("/syncs/progress/" + BOOK, reader),
        200,
        "{\"document\":\"" + BOOK
            + "\",\"percentage\":0.3569,\"progress\":\"/body/DocFragment[20]/body/p[22]/img.0\","
            + "\"device\":\"Kobo Libra 2\",\"device_id\":\"" + DEVICE_ID + "\",\"timestamp\":"
            + timestamp + "}");
  }

  @Test
  void unknownDocumentIsAnEmptyObject() {
    assertJson(client.get("/syncs/progress/ffffffffffffffffffffffffffffffff", reader), 200, "{}");
  }

  @Test
  void lastWriteWinsEvenBackwards() {
    client.pushProgress(reader, BOOK, "/body/DocFragment[30]", 0.9, "Kindle");
    client.pushProgress(reader, BOOK, "/body/DocFragment[2]", 0.1, "Phone");
    var latest = client.get("/syncs/progress/" + BOOK, reader).json();
    assertEquals("/body/DocFragment[2]", latest.getString("progress"));
    assertEquals(0.1, latest.getJsonNumber("percentage").doubleValue());
    assertEquals("Phone", latest.getString("device"));
  }

  @Test
  void anotherUserCannotReadMyDocument(User other) {
    client.pushProgress(reader, BOOK, "42", 0.42, "Kobo");
    assertJson(client.get("/syncs/progress/" + BOOK, other), 200, "{}");
    client.pushProgress(other, BOOK, "7", 0.07, "Kindle");
    assertEquals("42", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
  }

  @Test
  void progressComesBackByteForByte() {
    var progress = "/body/DocFragment[3]/body/div/p[\"é\\u00e9\"]/text()\u0001.17 ✓ \uD83D\uDCD6";
    client.put(
        "/syncs/progress",
        reader,
        Json.createObjectBuilder()
            .add("document", BOOK)
            .add("progress", progress)
            .add("percentage", 0.5)
            .add("device", "Kobo")
            .build()
            .toString());
    assertEquals(
        progress, client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
  }

  @Test
  void metadataAndUnknownFieldsAreAcceptedAndMetadataIsStored() throws Exception {
    var body =
        "{\"document\":\"" + BOOK + "\",\"progress\":\"5\",\"percentage\":0.05,\"device\":\"Kobo\","
            + "\"device_id\":\"" + DEVICE_ID
            + "\",\"metadata\":{\"filename\":\"dune.epub\",\"title\":\"Dune\","
            + "\"authors\":\"Frank Herbert\"},\"future_field\":[1,2,3]}";
    assertEquals(200, client.put("/syncs/progress", reader, body).status());
    var stored = TestDatabase.queryString(
            "select p.metadata from reading_progress p join accounts a on a.id = p.account_id where a.username = ? and p.document = ?",
            reader.name(),
            BOOK)
        .orElseThrow();
    assertEquals(
        "Dune",
        Json.createReader(new java.io.StringReader(stored)).readObject().getString("title"));
    // a push without metadata keeps what was stored
    client.pushProgress(reader, BOOK, "6", 0.06, "Phone");
    assertTrue(TestDatabase.queryString(
            "select p.metadata from reading_progress p join accounts a on a.id = p.account_id where a.username = ?",
            reader.name())
        .orElseThrow()
        .contains("Dune"));
  }

  @Test
  void missingDeviceIdIsOmittedOnRead() {
    client.put(
        "/syncs/progress",
        reader,
        "{\"document\":\"" + BOOK
            + "\",\"progress\":\"9\",\"percentage\":0.09,\"device\":\"Kobo\"}");
    assertTrue(!client.get("/syncs/progress/" + BOOK, reader).json().containsKey("device_id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a-b", "a.b", "book.epub", "under_score", "tilde~x", "-", "...a", "A"})
  void documentIdsThatPutAcceptsRoundTrip(String document) {
    assertEquals(
        200, client.pushProgress(reader, document, "p-" + document, 0.2, "Kobo").status());
    assertEquals(
        "p-" + document,
        client.get("/syncs/progress/" + document, reader).json().getString("progress"));
    var encoded = new StringBuilder();
    for (var b : document.getBytes(StandardCharsets.UTF_8)) {
      encoded.append('%').append(String.format("%02X", b));
    }
    assertEquals(
        "p-" + document,
        client.get("/syncs/progress/" + encoded, reader).json().getString("progress"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a/b", "a b", "a?b", "a#b", "a%b", "caf\u00e9", ".", "..", "...", "a+b", "a:b"})
  void documentIdsThatGetCouldNotReadAreRefused(String document) throws Exception {
    assertError(
        client.pushProgress(reader, document, "1", 0.1, "Kobo"), 403, 2003, "Invalid request");
    assertEquals(
        0,
        TestDatabase.count(
            "select count(*) from reading_progress p join accounts a on a.id = p.account_id where a.username = ?",
            reader.name()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\"}",
        "{\"document\":\"\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\"}",
        "{\"document\":null,\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\"}"
      })
  void missingDocumentIs2004(String body) {
    assertError(
        client.put("/syncs/progress", reader, body), 403, 2004, "Field 'document' not provided.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":\"0.1\",\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":null,\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"progress\":1,\"percentage\":0.1,\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"percentage\":0.1,\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"progress\":\"\",\"percentage\":0.1,\"device\":\"Kobo\"}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":0.1}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"\"}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":0.1,\"device\":true}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\",\"device_id\":5}",
        "{\"document\":\"DOC\",\"progress\":\"1\",\"percentage\":1e999,\"device\":\"Kobo\"}",
        "{\"document\":123,\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\"}"
      })
  void wrongTypesAndEmptyFieldsAre2003AndChangeNothing(String body) {
    var document = "DOC";
    client.pushProgress(reader, document, "kept", 0.5, "Kobo");
    assertError(client.put("/syncs/progress", reader, body), 403, 2003, "Invalid request");
    var latest = client.get("/syncs/progress/" + document, reader).json();
    assertEquals("kept", latest.getString("progress"));
    assertEquals(0.5, latest.getJsonNumber("percentage").doubleValue());
  }

  @Test
  void absurdlyLongFieldsAreRefused() {
    client.pushProgress(reader, BOOK, "kept", 0.5, "Kobo");
    assertError(
        client.pushProgress(reader, "d".repeat(129), "1", 0.1, "Kobo"),
        403,
        2003,
        "Invalid request");
    assertError(
        client.pushProgress(reader, BOOK, "p".repeat(2049), 0.1, "Kobo"),
        403,
        2003,
        "Invalid request");
    assertError(
        client.pushProgress(reader, BOOK, "1", 0.1, "k".repeat(129)), 403, 2003, "Invalid request");
    assertError(
        client.put(
            "/syncs/progress",
            reader,
            "{\"document\":\"" + BOOK + "\",\"progress\":\"1\",\"percentage\":0.1,"
                + "\"device\":\"Kobo\",\"device_id\":\"" + "X".repeat(129) + "\"}"),
        403,
        2003,
        "Invalid request");
    assertEquals(
        "kept", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
    // the limits themselves are accepted
    assertEquals(
        200,
        client
            .pushProgress(reader, "d".repeat(128), "p".repeat(2048), 0.1, "k".repeat(128))
            .status());
    assertEquals(
        "p".repeat(2048),
        client.get("/syncs/progress/" + "d".repeat(128), reader).json().getString("progress"));
  }

  @Test
  void bodiesOver64KiBAreRefusedWithAndWithoutContentLength() {
    client.pushProgress(reader, BOOK, "kept", 0.5, "Kobo");
    var huge = "{\"document\":\"" + BOOK
        + "\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\",\"metadata\":{\"title\":\""
        + "x".repeat(70 * 1024) + "\"}}";
    assertError(client.put("/syncs/progress", reader, huge), 403, 2003, "Invalid request");
    var chunked = HttpRequest.BodyPublishers.ofInputStream(
        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)));
    assertError(
        client.send(KoreaderClient.authenticated(client.request("/syncs/progress"), reader)
            .PUT(chunked)),
        403,
        2003,
        "Invalid request");
    assertEquals(
        "kept", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
    var justUnder = "{\"document\":\"" + BOOK
        + "\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\",\"metadata\":{\"title\":\""
        + "x".repeat(60 * 1024) + "\"}}";
    assertEquals(200, client.put("/syncs/progress", reader, justUnder).status());
  }

  @Test
  void malformedJsonNonObjectsAndNonUtf8AreRefused() {
    client.pushProgress(reader, BOOK, "kept", 0.5, "Kobo");
    assertError(
        client.put("/syncs/progress", reader, "{\"document\":"),
        400,
        103,
        "Could not parse JSON in body.");
    assertError(
        client.put("/syncs/progress", reader, "{\"document\":\"x\"} trailing"),
        400,
        103,
        "Could not parse JSON in body.");
    assertError(
        client.put("/syncs/progress", reader, ""), 400, 103, "Could not parse JSON in body.");
    assertError(
        client.put("/syncs/progress", reader, "[{\"document\":\"x\"}]"),
        400,
        104,
        "Body should be a JSON hash.");
    assertError(
        client.put("/syncs/progress", reader, "42"), 400, 104, "Body should be a JSON hash.");
    var latin1 = ("{\"document\":\"" + BOOK
            + "\",\"progress\":\"caf\u00e9\",\"percentage\":0.1,\"device\":\"Kobo\"}")
        .getBytes(StandardCharsets.ISO_8859_1);
    var headers = "x-auth-user: " + reader.name() + "\r\nx-auth-key: " + reader.key()
        + "\r\nContent-Type: application/json\r\n";
    assertError(
        client.raw("PUT", "/syncs/progress", headers, latin1),
        400,
        103,
        "Could not parse JSON in body.");
    assertEquals(
        "kept", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
  }

  @Test
  void progressRoutesNeedAuthentication() {
    var stranger = new User(reader.name(), KoreaderClient.md5("guess"));
    assertError(client.pushProgress(stranger, BOOK, "1", 0.1, "Kobo"), 401, 2001, "Unauthorized");
    assertError(client.get("/syncs/progress/" + BOOK, stranger), 401, 2001, "Unauthorized");
    assertError(
        client.send(client.request("/syncs/progress/" + BOOK).GET()), 401, 2001, "Unauthorized");
  }

  /**
   * KOsync's body reader answers, not the server's built-in JSON-P one: its own details, a body
   * refused by its declared length before it is sent, and a JSON body read whatever its Content-Type.
   */
  @Test
  void theApplicationsBodyReaderHandlesEveryBody() throws Exception {
    client.pushProgress(reader, BOOK, "kept", 0.5, "Kobo");
    var auth = "x-auth-user: " + reader.name() + "\r\nx-auth-key: " + reader.key() + "\r\n";
    try (var socket = new java.net.Socket("127.0.0.1", Integer.getInteger("it.http.port", 8080))) {
      socket.setSoTimeout(10_000);
      var request =
          "PUT /syncs/progress HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
              + auth + "Content-Length: 200000\r\n\r\n{\"document\":";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      // the rest of the body is never sent: the answer comes from the declared length alone
      var in = socket.getInputStream();
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      var length = head.toString()
          .lines()
          .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
          .map(line -> Integer.parseInt(line.substring(15).strip()))
          .findFirst()
          .orElseThrow();
      var answer = head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
      assertTrue(
          answer.contains("\"code\":2003")
              && answer.contains("The body is larger than 65536 bytes."),
          answer);
    }
    var latin1 = ("{\"document\":\"" + BOOK
            + "\",\"progress\":\"caf\u00e9\",\"percentage\":0.1,\"device\":\"Kobo\"}")
        .getBytes(StandardCharsets.ISO_8859_1);
    var notUtf8 =
        client.raw("PUT", "/syncs/progress", auth + "Content-Type: application/json\r\n", latin1);
    assertError(notUtf8, 400, 103, "Could not parse JSON in body.");
    assertEquals("The body is not valid UTF-8.", notUtf8.json().getString("detail"));
    var json = "{\"document\":\"" + BOOK
        + "\",\"progress\":\"plain\",\"percentage\":0.2,\"device\":\"Kobo\"}";
    assertEquals(
        200,
        client
            .raw(
                "PUT",
                "/syncs/progress",
                auth + "Content-Type: text/plain\r\n",
                json.getBytes(StandardCharsets.UTF_8))
            .status());
    assertEquals(
        200,
        client
            .raw(
                "PUT",
                "/syncs/progress",
                auth,
                json.replace("plain", "untyped").getBytes(StandardCharsets.UTF_8))
            .status());
    assertEquals(
        "untyped", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
  }

  /** Mistakes KOReader would retry for weeks if they were 5xx are 4xx, and nothing is stored. */
  @Test
  void permanentMistakesAre403AndStoreNothing() {
    client.pushProgress(reader, BOOK, "kept", 0.5, "Kobo");
    var push =
        "{\"document\":\"" + BOOK + "\",\"progress\":\"P\",\"percentage\":0.5,\"device\":\"Kobo\"";
    for (var body : new String[] {
      push.replace("\"P\"", "\"a\\u0000b\"") + "}",
      push.replace("\"Kobo\"", "\"Ko\\u0000bo\"") + "}",
      push + ",\"device_id\":\"\\u0000\"}",
      push.replace("\"P\"", "\"\\ud800\"") + "}",
      push + ",\"metadata\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}",
      push.replace("0.5", "1e9999999999") + "}",
      push.replace("0.5", "0." + "5".repeat(1_500)) + "}"
    }) {
      var reply = client.put("/syncs/progress", reader, body);
      assertError(reply, 403, 2003, "Invalid request");
    }
    assertEquals(
        "kept", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
  }
}
