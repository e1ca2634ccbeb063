package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.kosync.auth.control.TokenVerifier.Presented;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** The rules every presented token obeys, whatever its source: checked without a server. */
class TokenVerifierTest {

  static final String ISSUER = "test-issuer";
  static final Caller READER = new Caller(42, "reader");

  final RsaJsonWebKey key = rsa("k1");
  final TokenVerifier verifier = new TokenVerifier();

  TokenVerifierTest() {
    verifier.clockSkewSeconds = 5;
    verifier.trust(Stream.of(source(key)));
  }

  static RsaJsonWebKey rsa(String id) {
    try {
      var jwk = RsaJwkGenerator.generateJwk(2048);
      jwk.setKeyId(id);
      return jwk;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A source that trusts one RSA key and names READER for subject "42". */
  static TokenSource source(RsaJsonWebKey trusted) {
    return new TokenSource() {
      @Override
      public String issuer() {
        return ISSUER;
      }

      @Override
      public JwtConsumerBuilder rules(JwtConsumerBuilder common) {
        return common
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .setVerificationKey(trusted.getPublicKey());
      }

      @Override
      public Caller caller(JwtClaims verified) {
        return READER;
      }
    };
  }

  static JwtClaims claims(Consumer<JwtClaims> change) {
    var claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setSubject("42");
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    claims.setGeneratedJwtId();
    change.accept(claims);
    return claims;
  }

  static String signed(JwtClaims claims, RsaJsonWebKey with) {
    try {
      var jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(with.getPrivateKey());
      jws.setKeyIdHeaderValue(with.getKeyId());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      return jws.getCompactSerialization();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String token(Consumer<JwtClaims> change) {
    return signed(claims(change), key);
  }

  void refused(String token, Presented where) {
    var refusal = assertThrows(SyncException.class, () -> verifier.verify(token, where));
    assertEquals(SyncError.UNAUTHORIZED, refusal.error());
  }

  @Test
  void aValidTokenNamesItsCallerUntilItExpires() {
    var token = token(c -> {});
    var verified = verifier.verify(token, Presented.BEARER);
    assertEquals(READER, verified.caller());
    assertEquals(verifier.verify(token, Presented.WEBSOCKET_URI).expiresAt(), verified.expiresAt());
  }

  @Test
  void aWebSocketUrisConnectionLastsAsLongAsASessionNotAsTheUri() {
    var session = NumericDate.now();
    session.addSeconds(6 * 3600);
    var uriToken = token(c -> {
      c.setExpirationTimeMinutesInTheFuture(1);
      c.setClaim(TokenIssuer.USE, TokenIssuer.WEBSOCKET);
      c.setClaim(TokenIssuer.SESSION_EXPIRES, session.getValue());
    });
    assertEquals(
        session.getValue(),
        verifier.verify(uriToken, Presented.WEBSOCKET_URI).expiresAt().getEpochSecond());
    // the claim lengthens nothing but a WebSocket URI's connection
    var plain = token(c -> {
      c.setExpirationTimeMinutesInTheFuture(1);
      c.setClaim(TokenIssuer.SESSION_EXPIRES, session.getValue());
    });
    var verified = verifier.verify(plain, Presented.WEBSOCKET_URI);
    assertTrue(verified.expiresAt().isBefore(Instant.now().plusSeconds(120)), verified::toString);
  }

  @Test
  void aTokenValidLongerThanAnInstantReachesLastsToTheEndOfTime() {
    // found by TokenVerifierFuzzTest: a DateTimeException, that is a 502, for a valid token
    var verified = verifier.verify(
        token(c -> c.setExpirationTime(NumericDate.fromSeconds(Long.MAX_VALUE))), Presented.BEARER);
    assertEquals(Instant.MAX.getEpochSecond(), verified.expiresAt().getEpochSecond());
  }

  @Test
  void timeIsCheckedWithTheClockSkewOnly() {
    refused(token(c -> c.setExpirationTimeMinutesInTheFuture(-1)), Presented.BEARER);
    refused(token(c -> c.setNotBeforeMinutesInThePast(-1)), Presented.BEARER);
    var justNotYet = NumericDate.now();
    justNotYet.addSeconds(3); // within the 5 s of skew
    assertEquals(
        READER,
        verifier
            .verify(token(c -> c.setNotBefore(justNotYet)), Presented.BEARER)
            .caller());
    refused(token(c -> c.unsetClaim("exp")), Presented.BEARER);
  }

  @Test
  void anotherIssuerOrKeyOrAlgorithmIsRefused() {
    refused(token(c -> c.setIssuer("someone-else")), Presented.BEARER);
    refused(token(c -> c.unsetClaim("iss")), Presented.BEARER);
    refused(signed(claims(c -> {}), rsa("k1")), Presented.BEARER);
    var none = new JsonWebSignature();
    none.setPayload(claims(c -> {}).toJson());
    none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
    none.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
    refused(compact(none), Presented.BEARER);
    // HS256 with the public key as the shared secret: the classic confusion
    var hmac = new JsonWebSignature();
    hmac.setPayload(claims(c -> {}).toJson());
    hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    hmac.setKey(new HmacKey(key.getPublicKey().getEncoded()));
    refused(compact(hmac), Presented.BEARER);
  }

  @Test
  void garbageIsRefused() {
    for (var garbage : new String[] {
      "",
      "x",
      "a.b.c",
      "eyJhbGciOiJSUzI1NiJ9..",
      Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))
    }) {
      refused(garbage, Presented.BEARER);
      refused(garbage, Presented.WEBSOCKET_URI);
    }
  }

  @Test
  void aWebSocketTokenOpensOneConnectionAndNoRestCall() {
    var websocket = token(c -> c.setClaim(TokenIssuer.USE, TokenIssuer.WEBSOCKET));
    refused(websocket, Presented.BEARER);
    assertEquals(READER, verifier.verify(websocket, Presented.WEBSOCKET_URI).caller());
    refused(websocket, Presented.WEBSOCKET_URI);
    refused(token(c -> c.setClaim(TokenIssuer.USE, "something-else")), Presented.WEBSOCKET_URI);
    refused(
        token(c -> {
          c.setClaim(TokenIssuer.USE, TokenIssuer.WEBSOCKET);
          c.unsetClaim("jti");
        }),
        Presented.WEBSOCKET_URI);
  }

  static String compact(JsonWebSignature jws) {
    try {
      return jws.getCompactSerialization();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
