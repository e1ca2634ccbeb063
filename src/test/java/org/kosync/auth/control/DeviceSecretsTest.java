package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceSecretsTest {

  @Test
  void passwordsAreFourGroupsOfFourWithoutLookAlikes() {
    var random = new SplittableRandom(7);
    var seen = new HashSet<String>();
    for (var i = 0; i < 1000; i++) {
      var password = DeviceSecrets.password(random);
      assertTrue(password.matches("[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}"), password);
      seen.add(password);
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void loginSuffixesAreSixCharactersOfTheSameAlphabet() {
    var suffix = DeviceSecrets.loginSuffix(new SplittableRandom(1));
    assertTrue(suffix.matches("[a-hjkmnp-z2-9]{6}"), suffix);
  }

  @Test
  void theKoreaderKeyIsTheMd5KoreaderSends() {
    assertEquals("5f4dcc3b5aa765d61d8327deb882cf99", DeviceSecrets.koreaderKey("password"));
  }
}
