package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  final TrustedProxies proxies =
      TrustedProxies.parse(List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8", "::1"));

  @Test
  void addressesAndRanges() {
    assertTrue(proxies.trusts("10.20.30.40"));
    assertTrue(proxies.trusts("192.168.1.7"));
    assertFalse(proxies.trusts("192.168.1.8"));
    assertFalse(proxies.trusts("11.0.0.1"));
    assertTrue(proxies.trusts("fd12:3456::1"));
    assertTrue(proxies.trusts("::1"));
    assertFalse(proxies.trusts("127.0.0.1"));
    assertFalse(TrustedProxies.none().trusts("127.0.0.1"));
  }

  @Test
  void malformedEntriesStopTheStart() {
    assertThrows(
        IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
    assertThrows(
        IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("proxy.example.com")));
  }

  @Test
  void theClientIsTheNearestAddressThatIsNotOurs() {
    assertEquals("203.0.113.9", proxies.client("203.0.113.9", "198.51.100.1"));
    assertEquals("198.51.100.1", proxies.client("10.0.0.5", "198.51.100.1"));
    assertEquals("198.51.100.1", proxies.client("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.1.1.1"));
    assertEquals("10.0.0.5", proxies.client("10.0.0.5", null));
    assertEquals("10.1.1.1", proxies.client("10.0.0.5", " , 10.1.1.1"));
  }

  @Test
  void aNameIsNeverLookedUpNorTrusted() {
    // found by TrustedProxiesFuzzTest: "localhost" resolved to 127.0.0.1 and passed for a trusted
    // hop, so the stranger's entry left of it became the client
    var local = TrustedProxies.parse(List.of("127.0.0.1"));
    assertFalse(local.trusts("localhost"));
    assertEquals("localhost", local.client("127.0.0.1", "6.6.6.6, localhost"));
    assertFalse(local.trusts("127.0.0.1.nip.io"));
    assertFalse(local.trusts("1:zz"));
    assertFalse(local.trusts("127.0.0.01"));
    assertTrue(local.trusts("127.0.0.1"));
    assertTrue(proxies.trusts("[::1]"));
    assertTrue(proxies.trusts("::ffff:10.1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("cafe")));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("1.2.3.256")));
  }
}
