package org.kosync.auth.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * The one place a presented token becomes a caller: a Bearer token or the token in a WebSocket URI. Every token must come from a known {@link
 * TokenSource} (by {@code iss}), carry a valid signature under that source's keys, be within
 * {@code exp} and {@code nbf} (with {@code mp.jwt.verify.clock.skew}), have the {@code use} the
 * place it is presented at allows, and still name an account.
 */
@ApplicationScoped
public class TokenVerifier {

  /** Where a token is presented: {@link TokenIssuer#WEBSOCKET} tokens open one WebSocket and nothing else. */
  public enum Presented {
    BEARER,
    WEBSOCKET_URI
  }

  /** Who the token is for, and until when it allows what it was presented for. */
  public record Verified(Caller caller, Instant expiresAt) {}

  // reads the issuer, so the right source's rules can check everything else
  private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
      .setSkipAllValidators()
      .setDisableRequireSignature()
      .setSkipSignatureVerification()
      .build();

  @Inject
  Instance<TokenSource> sources;

  @Inject
  Credentials credentials;

  // MicroProfile JWT's name for it; its value is in microprofile-config.properties
  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew")
  int clockSkewSeconds;

  // a WebSocket URI's token is remembered on this node for longer than it lives
  private final Cache<String, Boolean> usedWebSocketTokens = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(5))
      .maximumSize(1_000_000)
      .build();

  private Map<String, Checked> byIssuer;

  private record Checked(TokenSource source, JwtConsumer consumer) {}

  @PostConstruct
  void init() {
    trust(sources.stream());
  }

  void trust(Stream<TokenSource> trusted) {
    byIssuer = trusted
        .filter(TokenSource::enabled)
        .collect(Collectors.toUnmodifiableMap(TokenSource::issuer, this::checked, (one, other) -> {
          throw new IllegalStateException(
              "kosync.oidc.issuer must differ from mp.jwt.verify.issuer: both are "
                  + one.source().issuer());
        }));
  }

  private Checked checked(TokenSource source) {
    var common = new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setRequireSubject()
        .setExpectedIssuer(source.issuer())
        .setAllowedClockSkewInSeconds(clockSkewSeconds);
    return new Checked(source, source.rules(common).build());
  }

  /**
   * A Bearer token on a REST call. Its verdict is cached like a verified password (until the token
   * expires, and dropped on a password change or deletion), so only its first use pays for the
   * signature and the account lookup.
   */
  public Caller bearer(String token) {
    var cacheKey = credentials.cacheKey(token);
    var cached = credentials.cached(cacheKey);
    if (cached.isPresent()) {
      return cached.get();
    }
    var generation = credentials.generation();
    var verified = verify(token, Presented.BEARER);
    credentials.remember(cacheKey, verified.caller(), generation, verified.expiresAt());
    return verified.caller();
  }

  /** The token in a WebSocket URI: one from {@code /api/ws} opens one connection only. */
  public Verified webSocket(String token) {
    return verify(token, Presented.WEBSOCKET_URI);
  }

  Verified verify(String token, Presented where) {
    try {
      var context = UNVERIFIED.process(token);
      var checked = Optional.ofNullable(context.getJwtClaims().getIssuer())
          .map(byIssuer::get)
          .orElseThrow(TokenVerifier::invalid);
      checked.consumer().processContext(context);
      allowedUse(context, where);
      var caller = checked.source().caller(context.getJwtClaims());
      return new Verified(caller, instant(lastsUntil(context.getJwtClaims(), where)));
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw invalid();
    }
  }

  // a connection opened with a WebSocket URI outlives the URI's token
  // (TokenIssuer.issueForWebSocket)
  private static long lastsUntil(JwtClaims claims, Presented where) throws MalformedClaimException {
    var expires = claims.getExpirationTime().getValue();
    if (where == Presented.WEBSOCKET_URI
        && TokenIssuer.WEBSOCKET.equals(claims.getClaimValueAsString(TokenIssuer.USE))
        && claims.getClaimValue(TokenIssuer.SESSION_EXPIRES) instanceof Number session) {
      return Math.max(expires, session.longValue());
    }
    return expires;
  }

  /** A valid token may name any second, even one past what an Instant holds (found by fuzzing). */
  private static Instant instant(long epochSecond) {
    return Instant.ofEpochSecond(Math.max(
        Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), epochSecond)));
  }

  private void allowedUse(JwtContext context, Presented where) throws MalformedClaimException {
    var claims = context.getJwtClaims();
    var use = claims.getClaimValueAsString(TokenIssuer.USE);
    if (use == null) {
      return;
    }
    if (where != Presented.WEBSOCKET_URI || !TokenIssuer.WEBSOCKET.equals(use)) {
      // a WebSocket URI's token may end up in a log: it opens that one connection and no REST call
      throw invalid();
    }
    var id = Optional.ofNullable(claims.getJwtId())
        .orElseThrow(() -> new SyncException(SyncError.UNAUTHORIZED, "The token has no id."));
    if (usedWebSocketTokens.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
      throw new SyncException(
          SyncError.UNAUTHORIZED,
          "This WebSocket URI was used already; ask /api/ws for a new one.");
    }
  }

  private static SyncException invalid() {
    return new SyncException(SyncError.UNAUTHORIZED, "The token is not valid.");
  }
}
