package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderKeysTest {

  static final Duration MAX_AGE = Duration.ofMinutes(10);
  static final Duration LIMIT = Duration.ofSeconds(10);

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<RsaJsonWebKey> published = new ArrayList<>();
  final List<String> logged = new ArrayList<>();
  int reads;
  boolean reachable = true;
  ProviderKeys keys;

  @BeforeEach
  void setUp() throws JoseException {
    published.add(key("one"));
    keys = new ProviderKeys(
        new ProviderKeys.Source() {
          @Override
          public String read() throws IOException {
            reads++;
            if (!reachable) {
              throw new IOException("Connection refused");
            }
            var publicOnly = new ArrayList<JsonWebKey>();
            for (var k : published) {
              var copy = new RsaJsonWebKey(k.getRsaPublicKey());
              copy.setKeyId(k.getKeyId());
              publicOnly.add(copy);
            }
            return new JsonWebKeySet(publicOnly).toJson();
          }

          @Override
          public String describe() {
            return "http://provider.test/jwks";
          }
        },
        MAX_AGE,
        LIMIT,
        now::get,
        new System.Logger() {
          @Override
          public String getName() {
            return "test";
          }

          @Override
          public boolean isLoggable(Level level) {
            return true;
          }

          @Override
          public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            logged.add(message);
          }

          @Override
          public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            logged.add(MessageFormat.format(format, params));
          }
        });
  }

  static RsaJsonWebKey key(String kid) throws JoseException {
    var key = RsaJwkGenerator.generateJwk(2048);
    key.setKeyId(kid);
    return key;
  }

  static JsonWebSignature signedWith(String kid) {
    var jws = new JsonWebSignature();
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKeyIdHeaderValue(kid);
    return jws;
  }

  void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void readsOnceAndKeepsTheKeys() throws Exception {
    assertEquals(published.get(0).getPublicKey(), keys.resolveKey(signedWith("one"), List.of()));
    advance(Duration.ofMinutes(5));
    keys.resolveKey(signedWith("one"), List.of());
    assertEquals(1, reads);
  }

  @Test
  void anUnknownKeyIdReadsAgainAtMostOncePerLimit() throws Exception {
    keys.resolveKey(signedWith("one"), List.of());
    advance(LIMIT);
    for (var i = 0; i < 100; i++) {
      assertThrows(
          UnresolvableKeyException.class, () -> keys.resolveKey(signedWith("forged"), List.of()));
    }
    assertEquals(2, reads);
    // keys the provider rotates in within the limit wait for it to pass
    published.add(key("two"));
    assertThrows(
        UnresolvableKeyException.class, () -> keys.resolveKey(signedWith("two"), List.of()));
    advance(LIMIT);
    assertEquals(published.get(1).getPublicKey(), keys.resolveKey(signedWith("two"), List.of()));
    assertEquals(3, reads);
  }

  @Test
  void oldKeysAreReadAgainAfterMaxAge() throws Exception {
    keys.resolveKey(signedWith("one"), List.of());
    advance(MAX_AGE.plusSeconds(1));
    keys.resolveKey(signedWith("one"), List.of());
    assertEquals(2, reads);
  }

  @Test
  void anOutageKeepsTheKeysHeldAndIsLoggedOnceWhenItBeginsAndOnceWhenItEnds() throws Exception {
    keys.resolveKey(signedWith("one"), List.of());
    reachable = false;
    for (var i = 0; i < 5; i++) {
      advance(MAX_AGE.plusSeconds(1));
      assertEquals(published.get(0).getPublicKey(), keys.resolveKey(signedWith("one"), List.of()));
      assertThrows(
          UnresolvableKeyException.class, () -> keys.resolveKey(signedWith("new"), List.of()));
    }
    assertEquals(1 + 5, reads);
    assertEquals(1, logged.size(), logged::toString);
    reachable = true;
    published.add(key("new"));
    advance(LIMIT);
    assertEquals(published.get(1).getPublicKey(), keys.resolveKey(signedWith("new"), List.of()));
    assertEquals(2, logged.size(), logged::toString);
  }

  @Test
  void aProviderDownAtTheFirstTokenResolvesNothing() {
    reachable = false;
    assertThrows(
        UnresolvableKeyException.class, () -> keys.resolveKey(signedWith("one"), List.of()));
    assertEquals(1, logged.size());
  }
}
