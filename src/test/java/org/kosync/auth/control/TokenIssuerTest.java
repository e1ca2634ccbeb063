package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

  @Test
  void jwtDurationIsIso8601OrHours() {
    assertEquals(Duration.ofHours(6), TokenIssuer.lifetime("PT6H"));
    assertEquals(Duration.ofMinutes(90), TokenIssuer.lifetime("PT90M"));
    assertEquals(Duration.ofHours(12), TokenIssuer.lifetime("12"));
    assertEquals(Duration.ofHours(1), TokenIssuer.lifetime(" 1 "));
    assertThrows(DateTimeParseException.class, () -> TokenIssuer.lifetime("six hours"));
  }
}
