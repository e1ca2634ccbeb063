package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.kosync.auth.entity.Caller;

/** Mints the JWTs of {@code /api/auth.jwt}: RS256, verified by {@link OwnTokens} on the way back in. */
@ApplicationScoped
public class TokenIssuer {

  /** The claim with the account's credential version: a password change makes older tokens invalid. */
  public static final String CREDENTIAL_VERSION = "cv";

  static final List<String> GROUPS = List.of("reader");

  @Inject
  SigningKeys keys;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  String issuer;

  // named as the README's Configuration table names it: ISO-8601 (PT6H) or a number of hours
  @Inject
  @ConfigProperty(name = "JWT_DURATION", defaultValue = "PT6H")
  String duration;

  /** What a token may be used for: {@link #WEBSOCKET} tokens open one WebSocket and nothing else. */
  public static final String USE = "use";

  public static final String WEBSOCKET = "websocket";

  /** In a WebSocket URI's token: when the connection it opened is closed (Unix seconds). */
  public static final String SESSION_EXPIRES = "session_exp";

  static final Duration WEBSOCKET_LIFETIME = Duration.ofSeconds(60);

  public String issue(Caller caller, int credentialVersion) {
    return sign(claims(caller, credentialVersion, lifetime(duration)));
  }

  /**
   * The connection a WebSocket URI opens lasts as long as a token from /api/auth.jwt would (until
   * {@link #SESSION_EXPIRES}); only opening it must happen within the URI's 60 seconds.
   */
  public String issueForWebSocket(Caller caller, int credentialVersion) {
    var claims = claims(caller, credentialVersion, WEBSOCKET_LIFETIME);
    claims.setClaim(USE, WEBSOCKET);
    var sessionExpires = NumericDate.now();
    sessionExpires.addSeconds(lifetime(duration).toSeconds());
    claims.setClaim(SESSION_EXPIRES, sessionExpires.getValue());
    return sign(claims);
  }

  private JwtClaims claims(Caller caller, int credentialVersion, Duration lifetime) {
    var claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(Long.toString(caller.accountId()));
    claims.setClaim("upn", caller.username());
    claims.setStringListClaim("groups", GROUPS);
    claims.setClaim(CREDENTIAL_VERSION, credentialVersion);
    claims.setIssuedAtToNow();
    var expires = NumericDate.now();
    expires.addSeconds(lifetime.toSeconds());
    claims.setExpirationTime(expires);
    claims.setJwtId(UUID.randomUUID().toString());
    return claims;
  }

  private String sign(JwtClaims claims) {
    var jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(keys.signingKey().getPrivateKey());
    jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
  }

  static Duration lifetime(String setting) {
    var value = setting.strip();
    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
      return Duration.ofHours(Long.parseLong(value));
    }
    return Duration.parse(value);
  }
}
