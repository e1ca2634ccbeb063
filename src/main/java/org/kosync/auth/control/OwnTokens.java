package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * The tokens KOsync issues itself ({@link TokenIssuer}): RS256 under one of {@link SigningKeys},
 * the subject is the account id, and {@code cv} must still be the account's credential version —
 * a password change or deletion retires every earlier token.
 */
@ApplicationScoped
public class OwnTokens implements TokenSource {

  @Inject
  SigningKeys keys;

  @Inject
  AccountStore store;

  // MicroProfile JWT's name for it, which operators may know
  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  String issuer;

  @Override
  public String issuer() {
    return issuer;
  }

  @Override
  public JwtConsumerBuilder rules(JwtConsumerBuilder common) {
    return common
        .setRequireIssuedAt()
        .setJwsAlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
        .setVerificationKeyResolver(
            new JwksVerificationKeyResolver(List.<JsonWebKey>copyOf(keys.verificationKeys())));
  }

  @Override
  public Caller caller(JwtClaims verified) {
    try {
      var accountId = Long.parseLong(verified.getSubject());
      var version = verified.getClaimValue(TokenIssuer.CREDENTIAL_VERSION);
      return store
          .byId(accountId)
          .filter(account ->
              version instanceof Number n && n.longValue() == account.credentialVersion())
          .map(Account::asCaller)
          .orElseThrow(() -> new SyncException(SyncError.UNAUTHORIZED));
    } catch (NumberFormatException | MalformedClaimException e) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
  }
}
