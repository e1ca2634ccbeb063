package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.SocketClient;
import org.kosync.testing.TestDatabase;

/**
 * A sync key per e-reader, driven the way a person and KOReader use it: made through /api/devices,
 * then KOReader logs in with its username and password (no registration), pushes and pulls the
 * account's positions, which are announced like any other push — until the key is revoked, and
 * from the next request on, even one a cached success answered a moment before, it is 401.
 */
@KoreaderTest
class DevicesIT {

  static final String BOOK = "dededededededededededededededede";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  Reply create(User person, String body) {
    return client.send(KoreaderClient.authenticated(client.request("/api/devices"), person)
        .POST(KoreaderClient.body(body)));
  }

  /** The key as KOReader holds it: the username and the MD5 of the password the person typed. */
  User device(User person, String name) {
    var reply = create(person, "{\"name\":\"" + name + "\"}");
    assertEquals(201, reply.status(), reply::toString);
    var key = reply.json();
    return new User(key.getString("username"), KoreaderClient.md5(key.getString("password")));
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void aKeyIsShownOnceAndListedWithoutItsPassword() throws Exception {
    var reply = create(reader, "{\"name\":\"  Kobo Libra  \"}");
    assertEquals(201, reply.status(), reply::toString);
    assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
    var created = reply.json();
    assertEquals("Kobo Libra", created.getString("name"));
    assertTrue(
        created.getString("username").matches("\\Q" + reader.name() + "\\E:[a-z2-9]{6}"),
        created::toString);
    assertTrue(
        created.getString("password").matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), created::toString);
    var now = Instant.now().getEpochSecond();
    assertTrue(
        Math.abs(created.getJsonNumber("created").longValue() - now) < 60, created::toString);

    var listed = client.get("/api/devices", reader);
    assertEquals(200, listed.status(), listed::toString);
    var keys = Json.createReader(new StringReader(listed.body())).readArray();
    assertEquals(1, keys.size());
    var key = keys.getJsonObject(0);
    assertEquals(created.getJsonNumber("id"), key.getJsonNumber("id"));
    assertEquals(created.getString("username"), key.getString("username"));
    assertEquals("Kobo Libra", key.getString("name"));
    assertTrue(key.isNull("last_used"));
    assertFalse(key.containsKey("password"));
    assertFalse(listed.body().contains(created.getString("password")));
    // stored like a password: the database holds a slow hash, never the key
    var stored = TestDatabase.queryString(
            "select key_hash from device_keys where login = ?", created.getString("username"))
        .orElseThrow();
    assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
    assertFalse(stored.contains(KoreaderClient.md5(created.getString("password"))));
  }

  @Test
  void koreaderSyncsTheAccountsPositionsWithADeviceKeyUntilItIsRevoked(User stranger)
      throws Exception {
    var kobo = device(reader, "Kobo");
    assertJson(client.get("/users/auth", kobo), 200, "{\"authorized\":\"OK\"}");
    try (var socket = SocketClient.open(client.get("/api/ws", reader).body())) {
      socket.next();
      socket.send("{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}");
      socket.next();
      assertEquals(200, client.pushProgress(kobo, BOOK, "/p[7]", 0.07, "Kobo").status());
      var announced = json(socket.nextWithin(5)).getJsonObject("payload").getJsonObject("data");
      assertEquals(BOOK, announced.getString("id"));
      assertEquals("/p[7]", announced.getString("progress"));
    }
    // the account's position, read with the password, and the other way round
    assertEquals(
        "/p[7]", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
    assertEquals(200, client.pushProgress(reader, BOOK, "/p[8]", 0.08, "Phone").status());
    assertEquals("/p[8]", client.get("/syncs/progress/" + BOOK, kobo).json().getString("progress"));
    // another account sees none of it
    assertEquals("{}", client.get("/syncs/progress/" + BOOK, stranger).body());

    var keys = Json.createReader(
            new StringReader(client.get("/api/devices", reader).body()))
        .readArray();
    var key = keys.getJsonObject(0);
    assertFalse(key.isNull("last_used"), key::toString);

    // a success answered from the cache a moment ago, then the revocation
    assertEquals(200, client.get("/users/auth", kobo).status());
    assertEquals(
        204, client.delete("/api/devices/" + key.getJsonNumber("id"), reader).status());
    assertError(client.get("/users/auth", kobo), 401, 2001, "Unauthorized");
    assertError(client.get("/syncs/progress/" + BOOK, kobo), 401, 2001, "Unauthorized");
    assertError(client.pushProgress(kobo, BOOK, "/p[9]", 0.09, "Kobo"), 401, 2001, "Unauthorized");
    assertEquals(
        "/p[8]", client.get("/syncs/progress/" + BOOK, reader).json().getString("progress"));
    assertEquals("[]", client.get("/api/devices", reader).body());
  }

  @Test
  void aDeviceKeySyncsAndDoesNothingElse() {
    var kobo = device(reader, "Kobo");
    assertError(create(kobo, "{\"name\":\"another\"}"), 401, 2001, "Unauthorized");
    assertError(client.get("/api/devices", kobo), 401, 2001, "Unauthorized");
    assertError(client.get("/api/auth.jwt", kobo), 401, 2001, "Unauthorized");
    assertError(client.get("/api/ws", kobo), 401, 2001, "Unauthorized");
    assertError(client.get("/api/documents.all", kobo), 401, 2001, "Unauthorized");
    assertError(
        client.put("/users/password", kobo, "{\"password\":\"" + KoreaderClient.md5("x") + "\"}"),
        401,
        2001,
        "Unauthorized");
    assertError(client.delete("/users/me", kobo), 401, 2001, "Unauthorized");
    assertEquals(200, client.get("/users/auth", reader).status());
    assertEquals(200, client.get("/users/auth", kobo).status());
    assertEquals(
        1,
        Json.createReader(new StringReader(client.get("/api/devices", reader).body()))
            .readArray()
            .size());
  }

  @Test
  void aPasswordChangeKeepsDeviceKeysAndDeletingTheAccountEndsThem() throws Exception {
    var kobo = device(reader, "Kobo");
    var newKey = KoreaderClient.md5("a new password");
    assertEquals(
        200,
        client
            .put("/users/password", reader, "{\"password\":\"" + newKey + "\"}")
            .status());
    var renewed = new User(reader.name(), newKey);
    assertEquals(200, client.get("/users/auth", kobo).status());
    assertEquals(200, client.delete("/users/me", renewed).status());
    assertError(client.get("/users/auth", kobo), 401, 2001, "Unauthorized");
    assertEquals(
        0, TestDatabase.count("select count(*) from device_keys where login = ?", kobo.name()));
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing(User stranger) {
    var strangersKobo = device(stranger, "Kobo");
    var strangersKey = Json.createReader(
            new StringReader(client.get("/api/devices", stranger).body()))
        .readArray()
        .getJsonObject(0)
        .getJsonNumber("id");
    assertError(create(reader, "{}"), 403, 2003, "Invalid request");
    assertError(create(reader, "{\"name\":5}"), 403, 2003, "Invalid request");
    assertError(create(reader, "{\"name\":\"   \"}"), 403, 2003, "Invalid request");
    assertError(
        create(reader, "{\"name\":\"" + "k".repeat(101) + "\"}"), 403, 2003, "Invalid request");
    assertError(create(reader, "{\"name\":\"a\\u0000b\"}"), 403, 2003, "Invalid request");
    assertError(create(reader, "{\"name\":"), 400, 103, "Could not parse JSON in body.");
    assertError(create(reader, "[\"Kobo\"]"), 400, 104, "Body should be a JSON hash.");
    assertEquals("[]", client.get("/api/devices", reader).body());
    assertError(
        client.delete("/api/devices/999999999", reader), 404, 2010, "Device key not found.");
    assertError(client.delete("/api/devices/abc", reader), 404, 2010, "Device key not found.");
    // another account's key is as unknown as a missing one, and keeps working
    assertError(
        client.delete("/api/devices/" + strangersKey, reader), 404, 2010, "Device key not found.");
    assertEquals(200, client.get("/users/auth", strangersKobo).status());
    // a wrong password for a real device login is an ordinary 401
    assertError(
        client.get("/users/auth", new User(strangersKobo.name(), KoreaderClient.md5("guess"))),
        401,
        2001,
        "Unauthorized");
  }
}
