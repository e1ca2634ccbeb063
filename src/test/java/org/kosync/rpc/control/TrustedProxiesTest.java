package org.kosync.rpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8", "::1"));

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
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("proxy.example.com")));
  }

  @Test
  void urisFollowTrustedProxiesOnly() {
    assertEquals("ws://kosync.lan:8080/api/ws/T", WebSocketUris.of(false, "kosync.lan:8080", Optional.of("https"), Optional.of("evil"), false, "T"));
    assertEquals("wss://books.example.org/api/ws/T",
        WebSocketUris.of(false, "10.0.0.5:8080", Optional.of("https, http"), Optional.of("books.example.org"), true, "T"));
    assertEquals("wss://kosync.lan/api/ws/T", WebSocketUris.of(true, "kosync.lan", Optional.empty(), Optional.empty(), false, "T"));
    assertEquals("ws://kosync.lan/api/ws/T", WebSocketUris.of(false, "kosync.lan", Optional.of("http"), Optional.empty(), true, "T"));
  }
}
