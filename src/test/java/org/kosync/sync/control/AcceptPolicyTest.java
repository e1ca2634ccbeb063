package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

class AcceptPolicyTest {

  static SyncError errorOf(String accept, boolean strict) {
    return assertThrows(SyncException.class, () -> AcceptPolicy.check(accept, strict))
        .error();
  }

  @Test
  void strictIsTheOfficialServer() {
    assertDoesNotThrow(() -> AcceptPolicy.check("application/vnd.koreader.v1+json", true));
    assertEquals(SyncError.ACCEPT_MISSING, errorOf(null, true));
    assertEquals(SyncError.ACCEPT_MALFORMED, errorOf("*/*", true));
    assertEquals(SyncError.ACCEPT_UNSUPPORTED, errorOf("application/vnd.koreader.v2+json", true));
  }

  @Test
  void lenientServesEveryoneButAnotherVersion() {
    assertDoesNotThrow(() -> AcceptPolicy.check(null, false));
    assertDoesNotThrow(() -> AcceptPolicy.check("*/*", false));
    assertDoesNotThrow(() -> AcceptPolicy.check("application/json", false));
    assertDoesNotThrow(() -> AcceptPolicy.check("application/vnd.koreader.v1+json", false));
    assertEquals(SyncError.ACCEPT_UNSUPPORTED, errorOf("application/vnd.koreader.v3+json", false));
  }
}
