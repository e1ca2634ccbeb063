package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.SocketClient;
import org.kosync.testing.TestDatabase;
import org.kosync.testing.TestTokens;

/**
 * JWTs: issued by /api/auth.jwt, verified by TokenVerifier, refused in every forged shape with
 * 401/2001 — and by the WebSocket endpoint, which must apply the same rules, with its refusal.
 */
@KoreaderTest
class TokensIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  User reader;
  long accountId;

  @BeforeEach
  void connect(KoreaderClient client, User reader) throws Exception {
    this.client = client;
    this.reader = reader;
    accountId = Long.parseLong(
        TestDatabase.queryString("select id from accounts where username = ?", reader.name())
            .orElseThrow());
  }

  String issue() {
    var reply = client.get("/api/auth.jwt", reader);
    assertEquals(200, reply.status(), reply::toString);
    return reply.body();
  }

  Reply withBearer(String path, String token) {
    return client.send(
        client.request(path).header("Authorization", "Bearer " + token).GET());
  }

  @Test
  void issuesASignedTokenWithTheAgreedClaims() {
    var token = issue();
    var parts = token.split("\\.");
    assertEquals(3, parts.length);
    var header = Json.createReader(new StringReader(
            new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)))
        .readObject();
    assertEquals("RS256", header.getString("alg"));
    assertTrue(!header.getString("kid").isEmpty());
    var claims = Json.createReader(new StringReader(
            new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))
        .readObject();
    assertEquals("kosync", claims.getString("iss"));
    assertEquals(Long.toString(accountId), claims.getString("sub"));
    assertEquals(reader.name(), claims.getString("upn"));
    assertEquals("reader", claims.getJsonArray("groups").getString(0));
    assertEquals(
        6 * 3600,
        claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
    assertTrue(!claims.getString("jti").isEmpty());
    assertNotEquals(
        claims.getString("jti"),
        Json.createReader(new StringReader(new String(
                Base64.getUrlDecoder().decode(issue().split("\\.")[1]), StandardCharsets.UTF_8)))
            .readObject()
            .getString("jti"));
  }

  @Test
  void aTokenIssuesATokenByGetAndPost() {
    var token = issue();
    assertEquals(200, withBearer("/api/auth.jwt", token).status());
    var posted = client.send(client
        .request("/api/auth.jwt")
        .header("Authorization", "Bearer " + token)
        .POST(KoreaderClient.body("")));
    assertEquals(200, posted.status());
    assertEquals(3, posted.body().split("\\.").length);
    var byPost = client.send(KoreaderClient.authenticated(client.request("/api/auth.jwt"), reader)
        .POST(KoreaderClient.body("")));
    assertEquals(200, byPost.status());
  }

  @Test
  void bearerWorksOnTheApiAndOnKoreaderRoutes() {
    var token = issue();
    var push = client.send(
        client
            .request("/syncs/progress")
            .header("Authorization", "Bearer " + token)
            .PUT(
                KoreaderClient.body(
                    "{\"document\":\"dddd\",\"progress\":\"7\",\"percentage\":0.7,\"device\":\"script\"}")));
    assertEquals(200, push.status(), push::toString);
    assertEquals("7", withBearer("/syncs/progress/dddd", token).json().getString("progress"));
    assertJson(withBearer("/users/auth", token), 200, "{\"authorized\":\"OK\"}");
    var all = withBearer("/api/documents.all", token);
    assertEquals(200, all.status());
    assertTrue(all.body().contains("\"dddd\""));
  }

  @Test
  void forgedTokensAreAll401() throws Exception {
    var server = TestTokens.serverKey();
    var kid = TestTokens.kidOf(issue());
    var valid = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}),
        server,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        kid);
    assertEquals(
        200,
        withBearer("/users/auth", valid).status(),
        "the test's own well-formed token must pass");
    try (var socket = SocketClient.open(socketUri(valid))) {
      assertTrue(socket.next().contains("\"server_name\":\"KOsync\""), "and open a WebSocket");
    }

    var none = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}), null, AlgorithmIdentifiers.NONE, kid);
    var publicKeyAsSecret = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}),
        new SecretKeySpec(publicKeyBytes(), "HmacSHA256"),
        AlgorithmIdentifiers.HMAC_SHA256,
        kid);
    var otherKey = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}),
        TestTokens.newRsaKey().getPrivate(),
        AlgorithmIdentifiers.RSA_USING_SHA256,
        kid);
    var expired = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {
          c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
          c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        }),
        server,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        kid);
    var notYetValid = TestTokens.sign(
        TestTokens.claims(
            accountId,
            reader.name(),
            c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600))),
        server,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        kid);
    var wrongIssuer = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> c.setIssuer("someone-else")),
        server,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        kid);
    var unknownKid = TestTokens.sign(
        TestTokens.claims(accountId, reader.name(), c -> {}),
        server,
        AlgorithmIdentifiers.RSA_USING_SHA256,
        "no-such-key");
    var parts = valid.split("\\.");
    var tampered = parts[0] + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(TestTokens.claims(accountId + 1, reader.name(), c -> {})
                .toJson()
                .getBytes(StandardCharsets.UTF_8))
        + "." + parts[2];

    var forgeries = new java.util.LinkedHashMap<String, String>();
    forgeries.put("alg none", none);
    forgeries.put("HS256 keyed with the public key", publicKeyAsSecret);
    forgeries.put("signed by another key", otherKey);
    forgeries.put("expired", expired);
    forgeries.put("not yet valid", notYetValid);
    forgeries.put("wrong issuer", wrongIssuer);
    forgeries.put("unknown kid", unknownKid);
    forgeries.put("tampered payload", tampered);
    forgeries.put("garbage", "not.a.token");
    forgeries.forEach((name, forged) -> {
      for (var path : new String[] {"/users/auth", "/api/documents.all", "/syncs/progress/dddd"}) {
        var reply = withBearer(path, forged);
        assertEquals(401, reply.status(), () -> name + " on " + path + ": " + reply);
        assertError(reply, 401, 2001, "Unauthorized");
      }
      try (var socket = SocketClient.open(socketUri(forged))) {
        var refusal = socket.next();
        assertTrue(
            refusal.contains("\"for_rpc\":\"connect\""),
            () -> name + " over WebSocket: " + refusal);
        assertEquals(1008, socket.closed().code(), name + " over WebSocket");
      } catch (Exception e) {
        throw new AssertionError(name + " over WebSocket", e);
      }
    });
  }

  String socketUri(String token) {
    return client.webSocket("/api/ws/" + token);
  }

  @Test
  void tokensOfADeletedAccountStopWorking() {
    var token = issue();
    assertEquals(200, withBearer("/users/auth", token).status());
    assertEquals(200, client.delete("/users/me", reader).status());
    assertError(withBearer("/users/auth", token), 401, 2001, "Unauthorized");
    assertError(withBearer("/api/auth.jwt", token), 401, 2001, "Unauthorized");
  }

  @Test
  void tokensIssuedBeforeAPasswordChangeStopWorking() {
    var before = issue();
    var newKey = KoreaderClient.md5("new");
    assertEquals(
        200,
        client
            .put("/users/password", reader, "{\"password\":\"" + newKey + "\"}")
            .status());
    assertError(withBearer("/users/auth", before), 401, 2001, "Unauthorized");
    var after = client.get("/api/auth.jwt", new User(reader.name(), newKey)).body();
    assertEquals(200, withBearer("/users/auth", after).status());
  }

  /** The alg-confusion attack: HMAC keyed with the server's public key, as PEM text. */
  private static byte[] publicKeyBytes() {
    return TestTokens.serverPublicKeyPem().getBytes(StandardCharsets.US_ASCII);
  }
}
