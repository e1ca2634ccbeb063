package org.kosync.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Tokens of the organisation's identity provider ({@link ProviderSettings}): signed with one of its
 * published keys under an asymmetric algorithm (never {@code none}, never an HMAC, which would let
 * anyone holding the public key sign), for {@code kosync.oidc.audience} if set. The person is
 * named by {@code kosync.oidc.username-claim}, else {@code upn}, else {@code sub}.
 */
@ApplicationScoped
public class ProviderTokens implements TokenSource {

  static final String[] ASYMMETRIC = {
    AlgorithmIdentifiers.RSA_USING_SHA256,
    AlgorithmIdentifiers.RSA_USING_SHA384,
    AlgorithmIdentifiers.RSA_USING_SHA512,
    AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
    AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
    AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
    AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
    AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
    AlgorithmIdentifiers.EDDSA
  };

  @Inject
  ProviderSettings settings;

  @Inject
  SingleSignOn people;

  private ProviderKeys keys;

  @PostConstruct
  void init() {
    // nothing is read from the provider here: it may be down while KOsync starts
    keys = settings
        .issuer()
        .map(issuer -> new ProviderKeys(
            JwksLocation.of(settings.jwks(), issuer),
            settings.maxAge(),
            settings.refreshLimit(),
            System::nanoTime,
            System.getLogger(ProviderKeys.class.getName())))
        .orElse(null);
  }

  @Override
  public boolean enabled() {
    return keys != null;
  }

  @Override
  public String issuer() {
    return settings.issuer().orElseThrow();
  }

  @Override
  public JwtConsumerBuilder rules(JwtConsumerBuilder common) {
    var rules = common
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ASYMMETRIC)
        .setVerificationKeyResolver(keys);
    settings
        .audience()
        .ifPresentOrElse(rules::setExpectedAudience, rules::setSkipDefaultAudienceValidation);
    return rules;
  }

  @Override
  public Caller caller(JwtClaims verified) {
    var claims = new LinkedHashSet<>(List.of(settings.usernameClaim(), "upn", "sub"));
    for (var claim : claims) {
      try {
        var name = verified.getStringClaimValue(claim);
        if (name != null) {
          return people.person(name);
        }
      } catch (MalformedClaimException e) {
        throw new SyncException(
            SyncError.UNAUTHORIZED, "The token's '" + claim + "' is not a string.");
      }
    }
    throw new SyncException(SyncError.UNAUTHORIZED, "The token names no person.");
  }
}
