package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.ServerLogs;
import org.kosync.testing.SocketClient;
import org.kosync.testing.TestDatabase;
import org.kosync.testing.TestIdentityProvider;
import org.kosync.testing.TestTokens;

/**
 * Single sign-on against {@link TestIdentityProvider}, whose keys the server reads over HTTP: its
 * tokens open the JSON API, /api/auth.jwt and the WebSocket, and create the person's account;
 * every forged variant is 401 / 2001 and creates nothing; a trusted proxy's user header counts, an
 * untrusted client's does not; and a provider that goes away costs only its own new tokens, with
 * one log line.
 */
@KoreaderTest
class SingleSignOnIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  TestIdentityProvider provider;

  @BeforeEach
  void connect(KoreaderClient client) {
    this.client = client;
    provider = TestIdentityProvider.running();
  }

  static String freshName() {
    return "sso-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Reply withBearer(String path, String token) {
    return client.send(
        client.request(path).header("Authorization", "Bearer " + token).GET());
  }

  static long accounts(String name) throws Exception {
    return TestDatabase.count("select count(*) from accounts where username = ?", name);
  }

  static String claim(String token, String name) {
    var payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return Json.createReader(new StringReader(payload)).readObject().getString(name);
  }

  @Test
  void aProviderTokenOpensTheApiAndTheWebSocketAndCreatesTheAccount() throws Exception {
    var name = freshName();
    var token = provider.token(name);
    assertEquals(0, accounts(name));
    var documents = withBearer("/api/documents.all", token);
    assertEquals(200, documents.status(), documents::toString);
    assertEquals("[]", documents.body());
    assertEquals(1, accounts(name));
    assertEquals(
        1,
        TestDatabase.count(
            "select count(*) from accounts where username = ? and password_hash is null", name));

    var own = withBearer("/api/auth.jwt", token);
    assertEquals(200, own.status(), own::toString);
    assertEquals("kosync", claim(own.body(), "iss"));
    assertEquals(name, claim(own.body(), "upn"));
    assertEquals(200, withBearer("/api/documents.all", own.body()).status());

    var uri = withBearer("/api/ws", token);
    assertEquals(200, uri.status(), uri::toString);
    try (var socket = SocketClient.open(uri.body())) {
      var hello = Json.createReader(new StringReader(socket.next())).readObject();
      assertEquals(
          "KOsync", hello.getJsonObject("payload").getString("server_name"), hello::toString);
    }
    // an account made by single sign-on has no password KOReader could use
    assertError(
        client.get("/users/auth", new KoreaderClient.User(name, KoreaderClient.md5(""))),
        401,
        2001,
        "Unauthorized");
  }

  @Test
  void everyForgedProviderTokenIs401AndCreatesNothing() throws Exception {
    var name = freshName();
    var stranger = TestTokens.newRsaKey();
    var forged = new java.util.LinkedHashMap<String, String>();
    forged.put("another issuer", provider.token(name, c -> c.setIssuer("https://evil.example")));
    forged.put("another audience", provider.token(name, c -> c.setAudience("someone-else")));
    forged.put("no audience", provider.token(name, c -> c.unsetClaim("aud")));
    forged.put("expired", provider.token(name, expiresIn(-120)));
    forged.put("not yet valid", provider.token(name, c -> {
      var soon = NumericDate.now();
      soon.addSeconds(120);
      c.setNotBefore(soon);
    }));
    var claims = TestIdentityProvider.claims(name);
    forged.put(
        "the provider's key id on another key",
        TestTokens.sign(
            claims,
            stranger.getPrivate(),
            AlgorithmIdentifiers.RSA_USING_SHA256,
            provider.currentKid()));
    forged.put(
        "an unknown key",
        TestTokens.sign(
            claims,
            stranger.getPrivate(),
            AlgorithmIdentifiers.RSA_USING_SHA256,
            "unknown-" + name));
    forged.put(
        "alg none",
        TestTokens.sign(claims, null, AlgorithmIdentifiers.NONE, provider.currentKid()));
    forged.put(
        "HS256 keyed with the provider's public key",
        TestTokens.sign(
            claims,
            new HmacKey(provider.currentPublicKey().getEncoded()),
            AlgorithmIdentifiers.HMAC_SHA256,
            provider.currentKid()));
    var genuine = provider.token(name);
    var tampered =
        genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
    forged.put("a changed signature", tampered);
    for (var entry : forged.entrySet()) {
      for (var path : new String[] {"/api/documents.all", "/api/auth.jwt", "/api/ws"}) {
        var reply = withBearer(path, entry.getValue());
        assertEquals(401, reply.status(), () -> entry.getKey() + " on " + path + ": " + reply);
        assertError(reply, 401, 2001, "Unauthorized");
      }
    }
    assertEquals(0, accounts(name));
  }

  static Consumer<JwtClaims> expiresIn(int seconds) {
    return claims -> {
      var at = NumericDate.now();
      at.addSeconds(seconds);
      claims.setExpirationTime(at);
    };
  }

  @Test
  void theProxyHeaderCountsFromATrustedProxyOnAndOnlyOnTheApi() throws Exception {
    var name = freshName();
    var header = TestIdentityProvider.PROXY_HEADER;
    // from 127.0.0.3, which is not a trusted proxy: ignored, so there is no caller at all
    var spoofed = client.raw(
        "127.0.0.3", "GET", "/api/documents.all", header + ": " + name + "\r\n", new byte[0]);
    assertError(spoofed, 401, 2001, "Unauthorized");
    assertEquals(0, accounts(name));
    // from 127.0.0.1, the trusted proxy
    var proxied =
        client.send(client.request("/api/documents.all").header(header, name).GET());
    assertEquals(200, proxied.status(), proxied::toString);
    assertEquals(1, accounts(name));
    var token = client.send(client.request("/api/auth.jwt").header(header, name).GET());
    assertEquals(200, token.status(), token::toString);
    assertEquals(name, claim(token.body(), "upn"));
    // now that the account exists, a spoofed header still gets nothing
    assertError(
        client.raw(
            "127.0.0.3", "GET", "/api/documents.all", header + ": " + name + "\r\n", new byte[0]),
        401,
        2001,
        "Unauthorized");
    // KOReader's routes never trust it, not even from the proxy
    assertError(
        client.send(client.request("/syncs/progress/abcd").header(header, name).GET()),
        401,
        2001,
        "Unauthorized");
    assertError(
        client.send(client.request("/users/auth").header(header, name).GET()),
        401,
        2001,
        "Unauthorized");
  }

  @Test
  void madeUpKeyIdsDoNotMakeTheServerHammerTheProvider() {
    var before = provider.fetches();
    var stranger = TestTokens.newRsaKey();
    var started = System.nanoTime();
    for (var i = 0; i < 30; i++) {
      var token = TestTokens.sign(
          TestIdentityProvider.claims(freshName()),
          stranger.getPrivate(),
          AlgorithmIdentifiers.RSA_USING_SHA256,
          "made-up-" + i);
      assertEquals(401, withBearer("/api/documents.all", token).status());
    }
    var seconds = (System.nanoTime() - started) / 1e9;
    var fetched = provider.fetches() - before;
    // the deployment allows one read of the keys per second
    assertTrue(fetched <= Math.ceil(seconds) + 1, () -> fetched + " reads in " + seconds + " s");
  }

  @Test
  void anUnreachableProviderCostsOnlyItsNewTokensAndOneLogLine() throws Exception {
    var name = freshName();
    assertEquals(200, withBearer("/api/documents.all", provider.token(name)).status());
    var own = withBearer("/api/auth.jwt", provider.token(name)).body();
    var device = client.send(client
        .request("/api/devices")
        .header("Authorization", "Bearer " + own)
        .POST(KoreaderClient.body("{\"name\":\"Kobo\"}")));
    assertEquals(201, device.status(), device::toString);
    var kobo = new KoreaderClient.User(
        device.json().getString("username"),
        KoreaderClient.md5(device.json().getString("password")));
    var outages = Pattern.compile("Cannot read the identity provider's keys");
    var before = count(outages, ServerLogs.serverLog());
    provider.down();
    try {
      provider.rotate();
      for (var i = 0; i < 3; i++) {
        assertError(
            withBearer("/api/documents.all", provider.token(name)), 401, 2001, "Unauthorized");
        Thread.sleep(1_100); // past the refresh limit: every one of them tries the provider
      }
      assertEquals(200, withBearer("/api/documents.all", own).status());
      assertEquals(
          200,
          client
              .pushProgress(kobo, "abcdabcdabcdabcdabcdabcdabcdabcd", "/p[1]", 0.1, "Kobo")
              .status());
      assertEquals(before + 1, awaitCount(outages, before + 1));
    } finally {
      provider.up();
    }
    Thread.sleep(1_100);
    var rotated = withBearer("/api/documents.all", provider.token(name));
    assertEquals(200, rotated.status(), rotated::toString);
    assertTrue(ServerLogs.serverLog().contains("The identity provider's keys are readable again"));
  }

  static int count(Pattern pattern, String text) {
    return (int) pattern.matcher(text).results().count();
  }

  /** The log is written by the server: give it a moment, then count once more for extra lines. */
  static int awaitCount(Pattern pattern, int atLeast) throws InterruptedException {
    for (var i = 0; i < 50 && count(pattern, ServerLogs.serverLog()) < atLeast; i++) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    return count(pattern, ServerLogs.serverLog());
  }
}
