package org.kosync.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.RsaJsonWebKey;
import org.kosync.storage.control.DataDirectory;

/**
 * The RSA keys tokens are signed with. The signing key is {@code kosync.jwt.signing-key} (a PKCS#8
 * PEM file) or, if unset, one generated on first start into {@code <data dir>/jwt/signing-key.pem}.
 * {@code kosync.jwt.previous-keys} (PEM files, comma-separated) keep tokens of a rotated-out key
 * verifying until they expire.
 */
@ApplicationScoped
public class SigningKeys {

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());
  static final String GENERATED = "jwt/signing-key.pem";

  @Inject
  Config config;

  @Inject
  @ConfigProperty(name = "kosync.jwt.signing-key")
  Optional<String> configuredSigningKey;

  @Inject
  @ConfigProperty(name = "kosync.jwt.previous-keys")
  // an array, not a List: Payara's MicroProfile Config cannot inject Optional<List<…>>
  Optional<String[]> previousKeys;

  private RsaJsonWebKey signing;
  private List<RsaJsonWebKey> verification;

  void loadAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // touching the bean runs @PostConstruct: a key is generated (and its warning logged) at start
    signing.getKeyId();
  }

  @PostConstruct
  void load() {
    var dataDirectory = DataDirectory.of(config);
    var signingFile = configuredSigningKey
        .map(Path::of)
        .orElseGet(() -> generatedKey(dataDirectory.resolve(GENERATED)));
    signing = jwk(readPem(signingFile));
    var keys = new ArrayList<RsaJsonWebKey>();
    keys.add(signing);
    Arrays.stream(previousKeys.orElse(new String[0]))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .map(p -> publicJwk(readPem(Path.of(p))))
        .forEach(keys::add);
    verification = List.copyOf(keys);
    LOG.log(
        Level.INFO,
        "KOSYNC1201: Signing tokens with key {0}; {1} key(s) accepted",
        signing.getKeyId(),
        keys.size());
  }

  public RsaJsonWebKey signingKey() {
    return signing;
  }

  /** The keys whose tokens are accepted: the signing key and the previous ones. */
  public List<RsaJsonWebKey> verificationKeys() {
    return verification;
  }

  private static Path generatedKey(Path file) {
    if (Files.exists(file)) {
      return file;
    }
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      Files.createDirectories(file.getParent());
      var temporary = Files.createTempFile(
          file.getParent(),
          "signing-key",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      // a lifecycle fact of every first start, not a fault: an operator acts on it once
      LOG.log(
          Level.INFO,
          "KOSYNC1202: Generated a token signing key in {0}. Back it up; servers sharing a database need the same "
              + "key (set kosync.jwt.signing-key).",
          file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the token signing key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  private static byte[] readPem(Path file) {
    try {
      var text = Files.readString(file, StandardCharsets.US_ASCII);
      var body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return Base64.getDecoder().decode(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the key file " + file, e);
    }
  }

  /** A signing key: PKCS#8 private key; the public half is derived from it. */
  private static RsaJsonWebKey jwk(byte[] pkcs8) {
    try {
      var factory = KeyFactory.getInstance("RSA");
      var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      var publicKey = (RSAPublicKey) factory.generatePublic(
          new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      var jwk = new RsaJsonWebKey(publicKey);
      jwk.setPrivateKey(privateKey);
      return identified(jwk);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(
          "The signing key must be an RSA private key in PKCS#8 PEM", e);
    }
  }

  /** A previous key: its public half (X.509 PEM), or a PKCS#8 private key file it is derived from. */
  private static RsaJsonWebKey publicJwk(byte[] der) {
    try {
      return identified(new RsaJsonWebKey((RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der))));
    } catch (GeneralSecurityException | ClassCastException e) {
      var full = jwk(der);
      return identified(new RsaJsonWebKey(full.getRsaPublicKey()));
    }
  }

  /** The key id is derived from the public key, so every node that has the same key names it the same. */
  private static RsaJsonWebKey identified(RsaJsonWebKey jwk) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(jwk.getRsaPublicKey().getEncoded());
      jwk.setKeyId(
          Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22));
      jwk.setAlgorithm("RS256");
      jwk.setUse("sig");
      return jwk;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
