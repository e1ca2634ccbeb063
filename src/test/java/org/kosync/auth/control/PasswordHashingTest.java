package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  static final byte[] PEPPER =
      "a pepper of thirty-two bytes....".getBytes(StandardCharsets.US_ASCII);
  static final String KEY = "5ebe2294ecd0e0f08eab7690d2a6ee69";

  // fewer rounds than production keep the unit tests fast; the format and rules are the same
  final PasswordHashing hashing = new PasswordHashing(PEPPER, 1_000);

  @Test
  void productionStrengthIsOwasp2023() {
    assertTrue(PasswordHashing.ITERATIONS >= 600_000);
    var stored = new PasswordHashing(PEPPER, PasswordHashing.ITERATIONS).hash(KEY);
    assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
  }

  @Test
  void verifiesTheRightKeyOnly() {
    var stored = hashing.hash(KEY);
    assertTrue(hashing.verify(KEY, stored));
    assertFalse(hashing.verify(KEY.toUpperCase(), stored));
    assertFalse(hashing.verify("", stored));
  }

  @Test
  void neverContainsTheKeyAndIsSaltedPerHash() {
    var first = hashing.hash(KEY);
    var second = hashing.hash(KEY);
    assertFalse(first.contains(KEY));
    assertNotEquals(first, second);
    assertEquals(4, first.split("\\$").length);
  }

  @Test
  void theDatabaseAloneIsNotEnoughWithoutThePepper() {
    var stored = hashing.hash(KEY);
    var otherPepper = new PasswordHashing(
        "another pepper, also 32 bytes...".getBytes(StandardCharsets.US_ASCII), 1_000);
    assertFalse(otherPepper.verify(KEY, stored));
  }

  @Test
  void verifiesWithTheIterationsRecordedInTheHash() {
    var stored = new PasswordHashing(PEPPER, 2_000).hash(KEY);
    assertTrue(hashing.verify(KEY, stored));
  }

  @Test
  void malformedStoredValuesNeverMatch() {
    assertFalse(hashing.verify(KEY, KEY));
    assertFalse(hashing.verify(KEY, "pbkdf2-sha256$x$y$z"));
    assertFalse(hashing.verify(KEY, "md5$1$AAAA$AAAA"));
    assertFalse(hashing.verify(KEY, "pbkdf2-sha256$1000$!!!$AAAA"));
  }

  @Test
  void refusesAShortPepper() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHashing(new byte[8], 1_000));
  }
}
