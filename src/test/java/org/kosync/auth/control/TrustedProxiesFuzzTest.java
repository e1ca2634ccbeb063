package org.kosync.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code TRUSTED_PROXIES} (operator input: an address, a range, or a refusal to start with
 * IllegalArgumentException) and {@code X-Forwarded-For} (a stranger's input: any value names a
 * client, the peer or one of the listed hops, and never throws).
 */
class TrustedProxiesFuzzTest {

  static final List<String> PROXIES = List.of("10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8");

  @FuzzTest
  @DictionaryEntries({
    ",",
    "/",
    ":",
    "::",
    ".",
    "10.",
    "127.0.0.1",
    "::ffff:",
    "%",
    "[",
    "]",
    "localhost"
  })
  void proxies(FuzzedDataProvider data) {
    TrustedProxies proxies;
    var configured = data.consumeBoolean();
    if (configured) {
      var entries = new ArrayList<String>();
      for (var i = data.consumeInt(0, 3); i > 0; i--) {
        entries.add(data.consumeString(48));
      }
      try {
        proxies = TrustedProxies.parse(entries);
      } catch (IllegalArgumentException refused) {
        return;
      }
    } else {
      proxies = TrustedProxies.parse(PROXIES);
    }
    var peer = data.pickValue(List.of("10.1.2.3", "127.0.0.1", "::1", "192.0.2.7", "fd00::5"));
    var forwardedFor = data.consumeBoolean() ? null : data.consumeRemainingAsString();
    var client = proxies.client(peer, forwardedFor);
    assertTrue(
        client.equals(peer)
            || Arrays.stream(forwardedFor.split(",")).map(String::strip).anyMatch(client::equals),
        client);
    if (!configured) {
      assertEquals(expectedClient(peer, forwardedFor), client, forwardedFor);
    }
  }

  /**
   * The rule, said another way than TrustedProxies walks it: the right-most hop that is not a
   * trusted address literal, or the left-most hop when all are. A name is the client's claim, never
   * looked up (a lookup per request on a worker thread; and "localhost" would make a stranger's hop
   * one of ours).
   */
  static String expectedClient(String peer, String forwardedFor) {
    if (forwardedFor == null || !trustedLiteral(peer)) {
      return peer;
    }
    var hops = Arrays.stream(forwardedFor.split(","))
        .map(String::strip)
        .filter(hop -> !hop.isEmpty())
        .toList();
    if (hops.isEmpty()) {
      return peer;
    }
    var untrusted = IntStream.range(0, hops.size())
        .filter(i -> !trustedLiteral(hops.get(i)))
        .max();
    return hops.get(untrusted.orElse(0));
  }

  static final TrustedProxies DEFAULT = TrustedProxies.parse(PROXIES);

  static boolean trustedLiteral(String hop) {
    return (hop.matches("\\d{1,3}(\\.\\d{1,3}){3}") || hop.indexOf(':') >= 0)
        && DEFAULT.trusts(hop);
  }
}
