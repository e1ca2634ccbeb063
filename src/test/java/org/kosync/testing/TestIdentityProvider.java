package org.kosync.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * An identity provider of the test JVM's own: RSA keys, tokens signed with them, and its JWKS
 * served over HTTP on {@code it.idp.port} (one port per server's suite), which a test can take
 * down and bring back and whose fetches it can count. {@link #SETTINGS} point a deployment at it.
 */
public final class TestIdentityProvider {

  public static final String ISSUER = "https://id.kosync.test/realms/readers";
  public static final String AUDIENCE = "kosync";
  public static final String PROXY_HEADER = "Remote-User";
  static final int PORT = Integer.getInteger("it.idp.port", 18390);
  static final String JWKS_URL = "http://127.0.0.1:" + PORT + "/jwks";

  /**
   * Provider tokens, the proxy header from 127.0.0.1 (the only trusted proxy) and a one-second
   * limit on reading the keys again, so a test of key rotation need not wait.
   */
  public static final Map<String, String> SETTINGS = Map.of(
      "kosync.oidc.issuer", ISSUER,
      "kosync.oidc.jwks", JWKS_URL,
      "kosync.oidc.audience", AUDIENCE,
      "kosync.oidc.jwks.refresh-limit", "PT1S",
      "kosync.proxy.auth-header", PROXY_HEADER,
      "ENABLE_TRUSTED_PROXIES", "true",
      "TRUSTED_PROXIES", "127.0.0.1/32");

  private static TestIdentityProvider running;

  private final List<RsaJsonWebKey> published = new ArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private RsaJsonWebKey signing;
  private HttpServer server;

  private TestIdentityProvider() {
    signing = newKey();
    published.add(signing);
  }

  /** The one of this JVM, serving its keys. */
  public static synchronized TestIdentityProvider running() {
    if (running == null) {
      running = new TestIdentityProvider();
      running.up();
      Runtime.getRuntime().addShutdownHook(new Thread(running::down));
    }
    return running;
  }

  public synchronized void up() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the test provider's keys on " + PORT, e);
    }
    server.createContext("/jwks", exchange -> {
      fetches.incrementAndGet();
      var body = jwks().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Connections to its port are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  public int fetches() {
    return fetches.get();
  }

  /** A new signing key, published beside the old ones. */
  public synchronized void rotate() {
    signing = newKey();
    published.add(signing);
  }

  public String token(String username) {
    return token(username, claims -> {});
  }

  /** Claims as a provider issues them for this person, valid for five minutes; adjust with {@code changes}. */
  public String token(String username, Consumer<JwtClaims> changes) {
    var claims = claims(username);
    changes.accept(claims);
    return sign(claims, signing.getPrivateKey(), signing.getKeyId());
  }

  /** Claims of {@link #token(String, Consumer)}, for signing otherwise. */
  public static JwtClaims claims(String username) {
    var claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setAudience(AUDIENCE, "account");
    claims.setSubject("subject-of-" + username);
    claims.setClaim("preferred_username", username);
    claims.setIssuedAtToNow();
    var expires = NumericDate.now();
    expires.addSeconds(300);
    claims.setExpirationTime(expires);
    claims.setGeneratedJwtId();
    return claims;
  }

  public synchronized String currentKid() {
    return signing.getKeyId();
  }

  public synchronized java.security.PublicKey currentPublicKey() {
    return signing.getPublicKey();
  }

  private static String sign(JwtClaims claims, java.security.PrivateKey key, String kid) {
    return TestTokens.sign(claims, key, AlgorithmIdentifiers.RSA_USING_SHA256, kid);
  }

  private synchronized String jwks() {
    var publicOnly = new ArrayList<JsonWebKey>();
    for (var key : published) {
      var copy = new RsaJsonWebKey(key.getRsaPublicKey());
      copy.setKeyId(key.getKeyId());
      copy.setUse("sig");
      copy.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      publicOnly.add(copy);
    }
    return new JsonWebKeySet(publicOnly).toJson();
  }

  private static RsaJsonWebKey newKey() {
    var pair = TestTokens.newRsaKey();
    var key = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
    key.setPrivateKey(pair.getPrivate());
    key.setKeyId("idp-" + TestTokens.kidOf(key.getRsaPublicKey()));
    return key;
  }
}
