package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.kosync.auth.entity.TokenClaims;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Verifies a token outside JAX-RS (the WebSocket path), where MicroProfile JWT's container login
 * does not run: the same keys ({@link SigningKeys}), issuer, algorithm and clock skew as the
 * {@code mp.jwt.verify.*} settings MicroProfile JWT uses for Bearer tokens.
 */
@ApplicationScoped
public class TokenVerifier {

  @Inject
  SigningKeys keys;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  int clockSkewSeconds;

  public TokenClaims verify(String token) {
    var consumer = new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setExpectedIssuer(issuer)
        .setAllowedClockSkewInSeconds(clockSkewSeconds)
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
        .setVerificationKeyResolver(new JwksVerificationKeyResolver(List.<JsonWebKey>copyOf(keys.verificationKeys())))
        .build();
    try {
      var claims = consumer.processToClaims(token);
      var version = claims.getClaimValue(TokenIssuer.CREDENTIAL_VERSION) instanceof Number n ? Optional.of(n.intValue()) : Optional.<Integer>empty();
      var use = Optional.ofNullable(claims.getClaimValueAsString(TokenIssuer.USE));
      return new TokenClaims(claims.getSubject(), claims.getClaimValueAsString("upn"), version, use, Optional.ofNullable(claims.getJwtId()),
          Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw new SyncException(SyncError.UNAUTHORIZED, "The token is not valid.");
    }
  }
}
