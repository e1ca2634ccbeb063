package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jose4j.jwk.RsaJsonWebKey;
import org.kosync.auth.control.TokenVerifier.Presented;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;
import org.kosync.testing.FuzzedJson;

/**
 * Any token string, and tokens signed with KOsync's own key whose header and claims are anything
 * (so the claim checks and the source's reading of {@code sub} and {@code cv} are reached): a
 * token names the one account it was issued for, or is refused with 401 / 2001 — nothing else.
 */
class TokenVerifierFuzzTest {

  static final JsonProvider JSON = JsonProvider.provider();

  static final String ISSUER = "https://kosync.test";
  static final Caller READER = new Caller(42, "reader");
  static final RsaJsonWebKey KEY = TokenVerifierTest.rsa("k1");
  static final List<String> CLAIMS =
      List.of("iss", "sub", "exp", "nbf", "iat", "jti", "use", "cv", "upn", "groups");
  static final List<String> HEADER = List.of("alg", "kid", "typ", "crit", "zip", "jwk", "b64");

  final TokenVerifier verifier = new TokenVerifier();

  TokenVerifierFuzzTest() {
    var own = new OwnTokens();
    own.issuer = ISSUER;
    own.keys = new SigningKeys() {
      @Override
      public List<RsaJsonWebKey> verificationKeys() {
        return List.of(KEY);
      }
    };
    own.store = new AccountStore() {
      @Override
      public Optional<Account> byId(long accountId) {
        return accountId == READER.accountId() ? Optional.of(reader()) : Optional.empty();
      }
    };
    verifier.clockSkewSeconds = 5;
    verifier.trust(Stream.of(own));
  }

  static Account reader() {
    return new Account(READER.username(), Optional.of("hash"), Instant.EPOCH) {
      @Override
      public long id() {
        return READER.accountId();
      }

      @Override
      public Caller asCaller() {
        return READER;
      }
    };
  }

  @FuzzTest
  @DictionaryEntries({"RS256", "none", "HS256", "websocket", "eyJ", "."})
  void tokens(FuzzedDataProvider data) {
    var presented = data.consumeBoolean() ? Presented.BEARER : Presented.WEBSOCKET_URI;
    var token = data.consumeBoolean() ? data.consumeString(2000) : signed(data);
    try {
      assertEquals(READER, verifier.verify(token, presented).caller());
    } catch (SyncException e) {
      assertEquals(SyncError.UNAUTHORIZED, e.error());
    }
  }

  /** A token as KOsync would issue it, with some of its header and claims replaced by anything. */
  static String signed(FuzzedDataProvider data) {
    var now = Instant.now().getEpochSecond();
    var header = JSON.createObjectBuilder().add("alg", "RS256").add("kid", KEY.getKeyId());
    var claims = JSON.createObjectBuilder()
        .add("iss", ISSUER)
        .add("sub", "42")
        .add("iat", now)
        .add("exp", now + 600)
        .add("jti", "j" + data.consumeInt())
        .add("cv", 0);
    var json = new FuzzedJson(data, CLAIMS);
    for (var i = data.consumeInt(0, 3); i > 0; i--) {
      header.add(data.pickValue(HEADER), json.value(2));
    }
    for (var i = data.consumeInt(0, 4); i > 0; i--) {
      claims.add(data.pickValue(CLAIMS), json.value(2));
    }
    var signingInput = base64(header.build()) + "." + base64(claims.build());
    return signingInput + "."
        + (data.consumeBoolean() ? sign(signingInput) : data.consumeString(20));
  }

  static String base64(JsonObject json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String sign(String signingInput) {
    try {
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(KEY.getRsaPrivateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
