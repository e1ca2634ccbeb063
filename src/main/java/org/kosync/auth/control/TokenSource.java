package org.kosync.auth.control;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.kosync.auth.entity.Caller;

/**
 * An issuer whose tokens KOsync accepts. {@link TokenVerifier} picks the source by the token's
 * {@code iss}, checks the token under the rules every token obeys plus the source's own (its keys,
 * algorithms, audience), and asks the source who the verified claims name.
 */
public interface TokenSource {

  /** A source whose settings are absent trusts nothing. */
  default boolean enabled() {
    return true;
  }

  String issuer();

  /** {@code common} with this issuer's keys, algorithms and whatever else is particular to it. */
  JwtConsumerBuilder rules(JwtConsumerBuilder common);

  /** The account a verified token stands for; a {@code SyncException} (401) when there is none any more. */
  Caller caller(JwtClaims verified);
}
