package org.kosync.documents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
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

/** {@code /api/documents.all} and {@code /api/documents.update}, authenticated with KOReader's headers. */
@KoreaderTest
class DocumentsResourceIT {

  static final String BOOK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String OTHER_BOOK = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

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

  JsonArray all(User user) {
    var reply = client.get("/api/documents.all", user);
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.contentType().startsWith("application/json"));
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  JsonArray all(User user, String query) {
    var reply = client.get("/api/documents.all" + query, user);
    assertEquals(200, reply.status(), reply::toString);
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  static List<String> positions(JsonObject document) {
    return document.getJsonArray("history").getValuesAs(JsonObject.class).stream()
        .map(h -> h.getString("progress"))
        .toList();
  }

  @Test
  void withoutAskingAListCarriesTheTenNewestStatesAndOneDocumentAllOfThem() {
    for (var page = 1; page <= 12; page++) {
      client.pushProgress(reader, BOOK, "/p[" + page + "]", page / 100.0, "Kobo");
    }
    var newestTen = java.util.stream.IntStream.rangeClosed(2, 11)
        .mapToObj(page -> "/p[" + (13 - page) + "]")
        .toList();
    assertEquals(newestTen, positions(all(reader).getJsonObject(0)));
    var whole = positions(client.get("/api/documents.get?id=" + BOOK, reader).json());
    assertEquals(11, whole.size());
    assertEquals(newestTen, whole.subList(0, 10));
    assertEquals("/p[1]", whole.get(10));
  }

  @Test
  void aListCarriesAsMuchHistoryAsAskedAndOneDocumentAllOfIt() {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    client.pushProgress(reader, BOOK, "/p[2]", 0.2, "Phone");
    client.pushProgress(reader, BOOK, "/p[3]", 0.3, "Kobo");
    client.pushProgress(reader, OTHER_BOOK, "/q[1]", 0.5, "Kobo");

    var none = all(reader, "?history=0");
    assertEquals(
        List.of(OTHER_BOOK, BOOK),
        none.getValuesAs(JsonObject.class).stream().map(d -> d.getString("id")).toList());
    none.getValuesAs(JsonObject.class).forEach(d -> assertEquals(List.of(), positions(d)));
    assertEquals("/p[3]", none.getJsonObject(1).getString("progress"));
    assertEquals(List.of("/p[2]"), positions(all(reader, "?history=1").getJsonObject(1)));
    assertEquals(List.of("/p[2]", "/p[1]"), positions(all(reader, "?history=50").getJsonObject(1)));
    assertEquals(List.of("/p[2]", "/p[1]"), positions(all(reader, "").getJsonObject(1)));
    for (var wrong : List.of("-1", "x", "1.5")) {
      assertError(
          client.get("/api/documents.all?history=" + wrong, reader), 403, 2003, "Invalid request");
    }

    var one = client.get("/api/documents.get?id=" + BOOK, reader);
    assertEquals(200, one.status(), one::toString);
    var book = one.json();
    assertEquals(BOOK, book.getString("id"));
    assertEquals("/p[3]", book.getString("progress"));
    assertEquals(List.of("/p[2]", "/p[1]"), positions(book));

    assertError(
        client.get("/api/documents.get?id=" + "c".repeat(32), reader),
        404,
        2007,
        "Document not found.");
    assertError(client.get("/api/documents.get", reader), 403, 2003, "Invalid request");
    var stranger = client.registered("stranger");
    assertError(
        client.get("/api/documents.get?id=" + BOOK, stranger), 404, 2007, "Document not found.");
  }

  @Test
  void listsDocumentsNewestFirstWithTheirHistoryNewestFirst() {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    client.pushProgress(reader, OTHER_BOOK, "/q[1]", 0.5, "Kobo");
    client.pushProgress(reader, BOOK, "/p[2]", 0.2, "Phone");
    client.pushProgress(reader, BOOK, "/p[3]", 0.3, "Kobo");
    var documents = all(reader);
    assertEquals(2, documents.size());
    var book = documents.getJsonObject(0);
    assertEquals(BOOK, book.getString("id"));
    assertEquals(BOOK, book.getString("document"));
    assertEquals("/p[3]", book.getString("progress"));
    assertEquals(0.3, book.getJsonNumber("percentage").doubleValue());
    assertEquals("Kobo", book.getString("device"));
    assertEquals("0123456789ABCDEF0123456789ABCDEF", book.getString("device_id"));
    assertEquals("", book.getString("pretty_name"));
    assertEquals(
        List.of("/p[2]", "/p[1]"),
        book.getJsonArray("history").getValuesAs(JsonObject.class).stream()
            .map(h -> h.getString("progress"))
            .toList());
    assertEquals("Phone", book.getJsonArray("history").getJsonObject(0).getString("device"));
    var other = documents.getJsonObject(1);
    assertEquals(OTHER_BOOK, other.getString("id"));
    assertEquals(0, other.getJsonArray("history").size());
    assertTrue(book.getJsonNumber("timestamp").longValue()
        >= other.getJsonNumber("timestamp").longValue());
  }

  @Test
  void anotherReaderSeesNoneOfIt(User stranger) {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    assertEquals(0, all(stranger).size());
  }

  @Test
  void theTitleKoreaderSentIsTheDefaultNameAndAChosenNameSurvivesPushes() {
    client.put(
        "/syncs/progress",
        reader,
        "{\"document\":\"" + BOOK + "\",\"progress\":\"1\",\"percentage\":0.1,\"device\":\"Kobo\","
            + "\"metadata\":{\"title\":\"Dune\",\"authors\":\"Frank Herbert\"}}");
    assertEquals("Dune", all(reader).getJsonObject(0).getString("pretty_name"));
    var renamed = client.put(
        "/api/documents.update",
        reader,
        "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"  My Dune  \"}");
    assertEquals(200, renamed.status(), renamed::toString);
    assertEquals("My Dune", renamed.json().getString("pretty_name"));
    assertEquals(BOOK, renamed.json().getString("id"));
    client.pushProgress(reader, BOOK, "2", 0.2, "Phone");
    var book = all(reader).getJsonObject(0);
    assertEquals("My Dune", book.getString("pretty_name"));
    assertEquals("2", book.getString("progress"));
    assertEquals("My Dune", book.getJsonArray("history").getJsonObject(0).getString("pretty_name"));
    client.put(
        "/api/documents.update", reader, "{\"document\":\"" + BOOK + "\",\"pretty_name\":\"\"}");
    assertEquals("Dune", all(reader).getJsonObject(0).getString("pretty_name"));
  }

  @Test
  void anUpdateNeverTouchesAnotherReadersDocument(User intruder) {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    assertError(
        client.put(
            "/api/documents.update",
            intruder,
            "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"mine\"," + "\"username\":\"" + reader.name()
                + "\"}"),
        404,
        2007,
        "Document not found.");
    assertEquals("", all(reader).getJsonObject(0).getString("pretty_name"));
    assertError(
        client.put(
            "/api/documents.update",
            reader,
            "{\"id\":\"" + OTHER_BOOK + "\",\"pretty_name\":\"x\"}"),
        404,
        2007,
        "Document not found.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"" + BOOK + "\"}",
        "{\"id\":\"" + BOOK + "\",\"pretty_name\":5}",
        "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"tab\\there\"}",
        "{\"id\":\"" + BOOK + "\",\"document\":\"" + OTHER_BOOK + "\",\"pretty_name\":\"x\"}",
        "{\"id\":\"a/b\",\"pretty_name\":\"x\"}",
        "{\"id\":7,\"pretty_name\":\"x\"}"
      })
  void invalidUpdatesAre403AndChangeNothing(String body) {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    client.put(
        "/api/documents.update", reader, "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"kept\"}");
    assertError(client.put("/api/documents.update", reader, body), 403, 2003, "Invalid request");
    assertEquals("kept", all(reader).getJsonObject(0).getString("pretty_name"));
  }

  @Test
  void overlongNamesMissingIdsAndBrokenBodiesAreRefused() {
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    assertError(
        client.put(
            "/api/documents.update",
            reader,
            "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"" + "n".repeat(257) + "\"}"),
        403,
        2003,
        "Invalid request");
    assertEquals(
        200,
        client
            .put(
                "/api/documents.update",
                reader,
                "{\"id\":\"" + BOOK + "\",\"pretty_name\":\"" + "n".repeat(256) + "\"}")
            .status());
    assertError(
        client.put("/api/documents.update", reader, "{\"pretty_name\":\"x\"}"),
        403,
        2004,
        "Field 'document' not provided.");
    assertError(
        client.put("/api/documents.update", reader, "{\"id\":"),
        400,
        103,
        "Could not parse JSON in body.");
    assertError(
        client.put("/api/documents.update", reader, "[]"), 400, 104, "Body should be a JSON hash.");
    assertEquals("n".repeat(256), all(reader).getJsonObject(0).getString("pretty_name"));
  }

  @Test
  void theApiNeedsAuthentication() {
    assertError(client.send(client.request("/api/documents.all").GET()), 401, 2001, "Unauthorized");
    assertError(
        client.get("/api/documents.all", new User(reader.name(), "wrong")),
        401,
        2001,
        "Unauthorized");
  }

  @Test
  void aTitleFromMetadataIsCleanedLikeAChosenName(KoreaderClient client, User reader) {
    var push =
        "{\"document\":\"" + BOOK + "\",\"progress\":\"p\",\"percentage\":0.1,\"device\":\"Kobo\","
            + "\"metadata\":{\"title\":\" Moby\\u0000\\nDick\\u001b \"}}";
    assertEquals(200, client.put("/syncs/progress", reader, push).status());
    var document = client.get("/api/documents.all", reader).body();
    assertTrue(document.contains("\"pretty_name\":\"Moby  Dick\""), document);
  }
}
