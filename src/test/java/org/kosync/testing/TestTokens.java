package org.kosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Mints tokens the way an attacker or a rotated-out key would, for the server to judge. */
public final class TestTokens {

  private TestTokens() {}

  /** The key the server under test generated into its data directory on first start. */
  public static PrivateKey serverKey() {
    return readPrivateKey(
        Path.of(System.getProperty("it.data.dir", "target/it-data"), "jwt", "signing-key.pem"));
  }

  public static String serverPublicKeyPem() {
    try {
      var key = (java.security.interfaces.RSAPrivateCrtKey) serverKey();
      var publicKey = KeyFactory.getInstance("RSA")
          .generatePublic(
              new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(publicKey.getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair newRsaKey() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path writePem(KeyPair key, Path file) {
    try {
      Files.createDirectories(file.getParent());
      var pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) {
    try {
      var body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims as the server would issue them for this account, valid for an hour; adjust them with {@code changes}. */
  public static JwtClaims claims(long accountId, String username, Consumer<JwtClaims> changes) {
    var claims = new JwtClaims();
    claims.setIssuer("kosync");
    claims.setSubject(Long.toString(accountId));
    claims.setClaim("upn", username);
    claims.setStringListClaim("groups", "reader");
    claims.setClaim("cv", 0);
    claims.setIssuedAtToNow();
    var expires = NumericDate.now();
    expires.addSeconds(3600);
    claims.setExpirationTime(expires);
    claims.setGeneratedJwtId();
    changes.accept(claims);
    return claims;
  }

  public static String sign(JwtClaims claims, Key key, String algorithm, String kid) {
    var jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(algorithm);
    if (kid != null) {
      jws.setKeyIdHeaderValue(kid);
    }
    jws.setHeader("typ", "JWT");
    if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
      jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    }
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key id the server gives a key: derived from the public key, the same on every node. */
  public static String kidOf(java.security.interfaces.RSAPublicKey key) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static java.security.interfaces.RSAPublicKey publicOf(PrivateKey key) {
    try {
      var crt = (java.security.interfaces.RSAPrivateCrtKey) key;
      return (java.security.interfaces.RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(
              new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's generated key file, created here first if no deployment has created it yet. */
  public static Path serverKeyFile() {
    var file =
        Path.of(System.getProperty("it.data.dir", "target/it-data"), "jwt", "signing-key.pem");
    if (!Files.exists(file)) {
      writePem(newRsaKey(), file);
    }
    return file.toAbsolutePath();
  }

  /** The "kid" of a token the server issued. */
  public static String kidOf(String token) {
    var header = new String(
        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
    return jakarta.json.Json.createReader(new java.io.StringReader(header))
        .readObject()
        .getString("kid");
  }
}
