package org.kosync.auth.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * What a person types into an e-reader for a device key: a login suffix and a password, both from
 * an alphabet without look-alikes (no 0/o, 1/l/i), lower case because e-reader keyboards open on
 * it. A password is 16 such characters (79 bits) in groups of four.
 */
public final class DeviceSecrets {

  static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  static final int PASSWORD_GROUPS = 4;
  static final int GROUP_LENGTH = 4;
  static final int SUFFIX_LENGTH = 6;

  private DeviceSecrets() {}

  public static String password(RandomGenerator random) {
    var password = new StringBuilder();
    for (var group = 0; group < PASSWORD_GROUPS; group++) {
      if (group > 0) {
        password.append('-');
      }
      password.append(characters(random, GROUP_LENGTH));
    }
    return password.toString();
  }

  public static String loginSuffix(RandomGenerator random) {
    return characters(random, SUFFIX_LENGTH);
  }

  /** What KOReader sends as {@code x-auth-key} for a password: its MD5, in lower-case hex. */
  public static String koreaderKey(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  private static String characters(RandomGenerator random, int count) {
    var text = new StringBuilder(count);
    for (var i = 0; i < count; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
