package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SingleSignOnTest {

  @Test
  void aSignedInNameMustBeOneRegistrationWouldAccept() {
    assertTrue(SingleSignOn.usable("alice"));
    assertTrue(SingleSignOn.usable("alice@example.com"));
    assertTrue(SingleSignOn.usable("Jürgen"));
    assertTrue(SingleSignOn.usable("a".repeat(128)));
    assertFalse(SingleSignOn.usable(""));
    assertFalse(SingleSignOn.usable("a".repeat(129)));
    assertFalse(SingleSignOn.usable(" alice"));
    assertFalse(SingleSignOn.usable("alice:k7m2x9"));
    assertFalse(SingleSignOn.usable("ali\u0000ce"));
  }
}
