package org.kosync.auth.control;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses ({@code TRUSTED_PROXIES}: IPs or CIDR ranges, IPv4 or IPv6) whose
 * {@code X-Forwarded-*} headers are believed. From anyone else those headers are ignored, or any
 * client could claim to have come over TLS, or from another host.
 */
public final class TrustedProxies {

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      var bits = address.length * 8;
      var mask = BigInteger.ONE
          .shiftLeft(bits)
          .subtract(BigInteger.ONE)
          .shiftRight(prefix)
          .not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6 =
      Pattern.compile("\\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*(%[0-9A-Za-z_.-]+)?]?");

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** {@code 10.0.0.0/8, 127.0.0.1, ::1}; a malformed entry stops the start rather than trusting too much. */
  public static TrustedProxies parse(List<String> entries) {
    return new TrustedProxies(entries.stream()
        .map(String::strip)
        .filter(e -> !e.isEmpty())
        .map(TrustedProxies::range)
        .toList());
  }

  /**
   * Who sent the request: the peer itself, unless it is a trusted proxy; then the nearest address
   * in {@code X-Forwarded-For} (read from the right) that is not one of ours. Anything a client
   * wrote further left is its own claim, and ignored.
   */
  public String client(String peer, String forwardedFor) {
    if (forwardedFor == null || !trusts(peer)) {
      return peer;
    }
    var hops = forwardedFor.split(",");
    var client = peer;
    for (var i = hops.length - 1; i >= 0; i--) {
      var hop = hops[i].strip();
      if (hop.isEmpty()) {
        continue;
      }
      client = hop;
      if (!trusts(hop)) {
        break;
      }
    }
    return client;
  }

  /** Only an address literal can be ours: a name in a header is a stranger's claim, never looked up. */
  public boolean trusts(String address) {
    return literal(address)
        .map(bytes -> ranges.stream().anyMatch(r -> r.contains(bytes)))
        .orElse(false);
  }

  /**
   * The address an IPv4 (four decimal parts) or IPv6 literal stands for. Anything else is empty
   * without asking DNS: {@code InetAddress.getByName} would resolve a name, on the request's
   * worker thread, and "localhost" would then pass for a trusted hop.
   */
  static Optional<byte[]> literal(String text) {
    String literal;
    if (IPV4.matcher(text).matches()) {
      literal = text;
    } else if (IPV6.matcher(text).matches()) {
      // in brackets, getByName reads it as IPv6 or refuses it; bare, an invalid one is looked up
      literal = "[" + text.replace("[", "").replace("]", "") + "]";
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Range range(String entry) {
    var slash = entry.indexOf('/');
    var host = slash < 0 ? entry : entry.substring(0, slash);
    var address = literal(host)
        .orElseThrow(() -> new IllegalArgumentException(
            "TRUSTED_PROXIES takes IP addresses or CIDR ranges, not " + entry));
    try {
      var prefix = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("Bad prefix length in TRUSTED_PROXIES entry " + entry);
      }
      return new Range(address, prefix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Not an address or CIDR range in TRUSTED_PROXIES: " + entry, e);
    }
  }
}
