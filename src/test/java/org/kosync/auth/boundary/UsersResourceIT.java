package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

/** Accounts over the KOReader protocol: registration, authentication, password change, deletion. */
@KoreaderTest
class UsersResourceIT {

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
  void registersAndAuthenticates() {
    var user = User.fresh("reader");
    assertJson(client.register(user), 201, "{\"username\":\"" + user.name() + "\"}");
    assertJson(client.get("/users/auth", user), 200, "{\"authorized\":\"OK\"}");
    assertJson(
        client.get("/users/auth", user), 200, "{\"authorized\":\"OK\"}"); // now from the cache
  }

  @Test
  void refusesATakenUsername(User user) {
    assertError(
        client.register(new User(user.name(), KoreaderClient.md5("other"))),
        402,
        2002,
        "Username is already registered.");
  }

  @Test
  void storesASlowPepperedHashNeverTheKey(User user, User salted) throws Exception {
    var stored = TestDatabase.queryString(
            "select password_hash from accounts where username = ?", user.name())
        .orElseThrow();
    assertFalse(stored.contains(user.key()), stored);
    assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
    var other = TestDatabase.queryString(
            "select password_hash from accounts where username = ?", salted.name())
        .orElseThrow();
    assertFalse(other.equals(stored));
  }

  @Test
  void everyAuthenticationFailureIsTheSame401(User user) {
    var unauthorized = "{\"code\":2001,\"message\":\"Unauthorized\"}";
    assertJson(
        client.get("/users/auth", new User(user.name(), KoreaderClient.md5("wrong"))),
        401,
        unauthorized);
    assertJson(
        client.get("/users/auth", new User("nobody-" + user.name(), user.key())),
        401,
        unauthorized);
    assertJson(client.send(client.request("/users/auth").GET()), 401, unauthorized);
    assertJson(
        client.send(
            client.request("/users/auth").header("x-auth-user", user.name()).GET()),
        401,
        unauthorized);
  }

  /** An unknown user runs the same slow hash as a wrong key, so timing does not reveal who exists. */
  @Test
  void unknownUserAndWrongKeyTakeAboutTheSameTime(User user) {
    var wrongKey = new User(user.name(), KoreaderClient.md5("wrong"));
    var unknown = new User("ghost-" + user.name(), user.key());
    client.get("/users/auth", wrongKey); // warm both paths
    client.get("/users/auth", unknown);
    var wrongKeyMillis = medianMillis(() -> client.get("/users/auth", wrongKey));
    var unknownMillis = medianMillis(() -> client.get("/users/auth", unknown));
    assertTrue(
        wrongKeyMillis >= 20 && unknownMillis >= 20,
        () -> "both must pay for the slow hash: " + wrongKeyMillis + " / " + unknownMillis);
    var ratio =
        (double) Math.max(wrongKeyMillis, unknownMillis) / Math.min(wrongKeyMillis, unknownMillis);
    assertTrue(
        ratio < 3,
        () -> "wrong key " + wrongKeyMillis + " ms, unknown user " + unknownMillis + " ms");
  }

  @Test
  void unicodeUsernameAuthenticatesWithRawUtf8InTheHeader() {
    var user = new User("Jürgen-读书-" + System.nanoTime(), KoreaderClient.md5("ü"));
    assertJson(client.register(user), 201, "{\"username\":\"" + user.name() + "\"}");
    var headers = "x-auth-user: " + user.name() + "\r\nx-auth-key: " + user.key() + "\r\nAccept: "
        + KoreaderClient.KOREADER_ACCEPT + "\r\n";
    assertJson(
        client.raw("GET", "/users/auth", headers, new byte[0]), 200, "{\"authorized\":\"OK\"}");
    var wrong =
        "x-auth-user: " + user.name() + "\r\nx-auth-key: " + KoreaderClient.md5("x") + "\r\n";
    assertError(client.raw("GET", "/users/auth", wrong, new byte[0]), 401, 2001, "Unauthorized");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"username\":\"\",\"password\":\"k\"}",
        "{\"username\":\"a:b\",\"password\":\"k\"}",
        "{\"username\":7,\"password\":\"k\"}",
        "{\"username\":null,\"password\":\"k\"}",
        "{\"password\":\"k\"}",
        "{\"username\":\" padded\",\"password\":\"k\"}",
        "{\"username\":\"tab\\tname\",\"password\":\"k\"}",
        "{\"username\":\"valid-name\",\"password\":\"\"}",
        "{\"username\":\"valid-name\",\"password\":5}",
        "{\"username\":\"valid-name\"}"
      })
  void refusesInvalidRegistrations(String body) throws Exception {
    var before = TestDatabase.count("select count(*) from accounts");
    assertError(
        client.send(client.request("/users/create").POST(KoreaderClient.body(body))),
        403,
        2003,
        "Invalid request");
    assertEquals(before, TestDatabase.count("select count(*) from accounts"));
  }

  @Test
  void refusesOverlongUsernamesAndKeys() {
    var longName = "n".repeat(129);
    assertError(client.register(new User(longName, "k")), 403, 2003, "Invalid request");
    assertError(
        client.register(new User("long-key-" + System.nanoTime(), "k".repeat(129))),
        403,
        2003,
        "Invalid request");
    var stamp = Long.toString(System.nanoTime());
    var longest = new User(stamp + "n".repeat(128 - stamp.length()), "k".repeat(128));
    assertJson(client.register(longest), 201, "{\"username\":\"" + longest.name() + "\"}");
  }

  @Test
  void malformedAndNonObjectBodies() {
    assertError(
        client.send(client.request("/users/create").POST(KoreaderClient.body("{\"username\":"))),
        400,
        103,
        "Could not parse JSON in body.");
    assertError(
        client.send(client.request("/users/create").POST(KoreaderClient.body("[\"a\",\"b\"]"))),
        400,
        104,
        "Body should be a JSON hash.");
    assertError(
        client.send(client.request("/users/create").POST(KoreaderClient.body("\"text\""))),
        400,
        104,
        "Body should be a JSON hash.");
    var notUtf8 =
        "{\"username\":\"caf\u00e9\",\"password\":\"k\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertError(
        client.raw("POST", "/users/create", "Content-Type: application/json\r\n", notUtf8),
        400,
        103,
        "Could not parse JSON in body.");
  }

  @Test
  void changesThePasswordAndForgetsTheCachedKey(User user) {
    assertEquals(200, client.get("/users/auth", user).status()); // cached now
    var newKey = KoreaderClient.md5("new password");
    assertJson(
        client.put("/users/password", user, "{\"password\":\"" + newKey + "\"}"),
        200,
        "{\"updated\":true}");
    assertError(client.get("/users/auth", user), 401, 2001, "Unauthorized");
    assertJson(
        client.get("/users/auth", new User(user.name(), newKey)), 200, "{\"authorized\":\"OK\"}");
  }

  @Test
  void refusesAnInvalidNewPasswordAndKeepsTheOldOne(User user) {
    assertError(
        client.put("/users/password", user, "{\"password\":\"\"}"), 403, 2003, "Invalid request");
    assertError(
        client.put("/users/password", user, "{\"password\":42}"), 403, 2003, "Invalid request");
    assertError(client.put("/users/password", user, "{}"), 403, 2003, "Invalid request");
    assertError(
        client.put("/users/password", new User(user.name(), "wrong"), "{\"password\":\"abc\"}"),
        401,
        2001,
        "Unauthorized");
    assertEquals(200, client.get("/users/auth", user).status());
  }

  @Test
  void deletesTheAccountWithItsProgress(User user) throws Exception {
    assertEquals(
        200,
        client
            .pushProgress(user, "0123456789abcdef0123456789abcdef", "12", 0.1, "Kobo")
            .status());
    assertJson(client.delete("/users/me", user), 200, "{\"deleted\":true}");
    assertError(client.get("/users/auth", user), 401, 2001, "Unauthorized");
    assertError(client.delete("/users/me", user), 401, 2001, "Unauthorized");
    assertEquals(
        0, TestDatabase.count("select count(*) from accounts where username = ?", user.name()));
    assertEquals(201, client.register(user).status(), "the name is free again");
    assertJson(client.get("/syncs/progress/0123456789abcdef0123456789abcdef", user), 200, "{}");
  }

  /** The account vanished (another node deleted it) while this node still trusts the cached key. */
  @Test
  void anAccountGoneBehindTheCacheIs2006AndThen401() throws Exception {
    var deleting = cachedThenDeletedBehindTheServersBack("vanished");
    assertError(client.delete("/users/me", deleting), 404, 2006, "Account not found.");
    assertError(client.get("/users/auth", deleting), 401, 2001, "Unauthorized");
    var changing = cachedThenDeletedBehindTheServersBack("vanished");
    assertError(
        client.put("/users/password", changing, "{\"password\":\"abc\"}"),
        404,
        2006,
        "Account not found.");
    assertError(client.get("/users/auth", changing), 401, 2001, "Unauthorized");
    // a push for a deleted account is a permanent failure: 401, so KOReader stops retrying it
    var pushing = cachedThenDeletedBehindTheServersBack("vanished");
    assertError(
        client.pushProgress(pushing, "0123456789abcdef0123456789abcdef", "1", 0.1, "Kobo"),
        401,
        2001,
        "Unauthorized");
  }

  private User cachedThenDeletedBehindTheServersBack(String prefix) throws Exception {
    var user = client.registered(prefix);
    assertEquals(200, client.get("/users/auth", user).status()); // cached now
    try (var connection = TestDatabase.connect();
        var delete = connection.prepareStatement("delete from accounts where username = ?")) {
      delete.setString(1, user.name());
      assertEquals(1, delete.executeUpdate());
    }
    return user;
  }

  private static long medianMillis(Runnable call) {
    var samples = new long[5];
    for (var i = 0; i < samples.length; i++) {
      var start = System.nanoTime();
      call.run();
      samples[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(samples);
    return samples[samples.length / 2];
  }

  /** A NUL byte or an unpaired surrogate can never be part of a registered name: 401 and 403, never 502. */
  @Test
  void impossibleNamesAreRefusedNotFailedOn(KoreaderClient client) {
    var nul = client.raw(
        "GET",
        "/users/auth",
        "x-auth-user: a\u0000b\r\nx-auth-key: " + KoreaderClient.md5("x") + "\r\n",
        new byte[0]);
    assertError(nul, 401, 2001, "Unauthorized");
    var surrogate = client.send(client
        .request("/users/create")
        .POST(KoreaderClient.body(
            "{\"username\":\"reader\\ud800\",\"password\":\"" + KoreaderClient.md5("x") + "\"}")));
    assertError(surrogate, 403, 2003, "Invalid request");
  }

  /**
   * Ten wrong keys for one name from one address, and that address gets 429 with Retry-After for
   * the name, without a hash; the owner still logs in from another address, and once verified is
   * never refused, not even from the address the guesses came from.
   */
  @Test
  void guessingAUsersKeyIsLimitedWithoutLockingTheOwnerOut(User owner) throws Exception {
    var guess = new User(owner.name(), KoreaderClient.md5("guess"));
    for (var i = 0; i < 10; i++) {
      assertError(client.get("/users/auth", guess), 401, 2001, "Unauthorized");
    }
    var refused = java.net.http.HttpClient.newHttpClient()
        .send(
            KoreaderClient.authenticated(client.request("/users/auth"), guess)
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(429, refused.statusCode());
    assertTrue(refused.body().contains("\"code\":2008"), refused.body());
    assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) > 0);
    var headers = "x-auth-user: " + owner.name() + "\r\nx-auth-key: " + owner.key() + "\r\n";
    assertJson(
        client.raw("127.0.0.2", "GET", "/users/auth", headers, new byte[0]),
        200,
        "{\"authorized\":\"OK\"}");
    assertJson(client.get("/users/auth", owner), 200, "{\"authorized\":\"OK\"}");
  }
}
