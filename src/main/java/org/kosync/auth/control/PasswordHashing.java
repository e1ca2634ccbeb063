package org.kosync.auth.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Peppered PBKDF2-HMAC-SHA256 (OWASP 2023: at least 600,000 iterations). The key is first
 * HMAC'd with the server's pepper, so a stolen database alone cannot be brute-forced; the stored
 * form names the algorithm and iteration count so they can be raised later:
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in unpadded Base64).
 */
public final class PasswordHashing {

  public static final int ITERATIONS = 600_000;
  static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final byte[] pepper;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PasswordHashing(byte[] pepper, int iterations) {
    if (pepper.length < 16) {
      throw new IllegalArgumentException("The pepper must have at least 16 bytes");
    }
    this.pepper = pepper.clone();
    this.iterations = iterations;
  }

  public String hash(String key) {
    var salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(derive(key, salt, iterations));
  }

  /** Constant-time in the key; a malformed stored value never matches. */
  public boolean verify(String key, String stored) {
    var parts = stored.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      var rounds = Integer.parseInt(parts[1]);
      var expected = B64D.decode(parts[3]);
      return MessageDigest.isEqual(derive(key, B64D.decode(parts[2]), rounds), expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] derive(String key, byte[] salt, int rounds) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
      var peppered = B64.encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
      var spec = new PBEKeySpec(peppered.toCharArray(), salt, rounds, HASH_BITS);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2-HMAC-SHA256 is not available", e);
    }
  }
}
