package org.kosync.auth.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The identity provider's public keys, read from its JWKS and kept. They are read again when they
 * are older than {@code maxAge} or a token names a key not among them (the provider rotated its
 * keys) — but never more often than once per {@code minInterval}, so tokens with made-up key ids
 * cannot make KOsync hammer the provider. When the provider cannot be read, the keys already held
 * stay in use, and the outage is logged once, when it begins, and once when it ends.
 */
public final class ProviderKeys implements VerificationKeyResolver {

  /** Where the JWKS comes from: a URL, a file, or the provider's discovery document. */
  public interface Source {
    String read() throws IOException;

    String describe();
  }

  private final Source source;
  private final long maxAgeNanos;
  private final long minIntervalNanos;
  private final LongSupplier nanoTime;
  private final System.Logger log;

  private volatile List<JsonWebKey> keys = List.of();
  private volatile long readAt;
  // guarded by this
  private boolean everTried;
  private long triedAt;
  private boolean unreachable;

  public ProviderKeys(
      Source source,
      Duration maxAge,
      Duration minInterval,
      LongSupplier nanoTime,
      System.Logger log) {
    this.source = source;
    this.log = log;
    this.maxAgeNanos = maxAge.toNanos();
    this.minIntervalNanos = minInterval.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
      throws UnresolvableKeyException {
    var key = select(jws, keys);
    if (key == null || nanoTime.getAsLong() - readAt > maxAgeNanos) {
      readAgain();
      key = select(jws, keys);
    }
    if (key == null) {
      throw new UnresolvableKeyException(
          "No key of the identity provider matches the token's key id");
    }
    return key.getKey();
  }

  private synchronized void readAgain() {
    var now = nanoTime.getAsLong();
    if (everTried && now - triedAt < minIntervalNanos) {
      return;
    }
    everTried = true;
    triedAt = now;
    try {
      keys = List.copyOf(new JsonWebKeySet(source.read()).getJsonWebKeys());
      readAt = now;
      if (unreachable) {
        unreachable = false;
        log.log(
            Level.INFO,
            "KOSYNC1102: The identity provider''s keys are readable again ({0})",
            source.describe());
      }
    } catch (IOException | JoseException | RuntimeException e) {
      if (!unreachable) {
        unreachable = true;
        log.log(
            Level.WARNING,
            "KOSYNC1101: Cannot read the identity provider''s keys from {0} ({1}): its tokens are refused until "
                + "it answers; KOsync''s own tokens and KOReader sync are not affected",
            source.describe(),
            e.toString());
      }
    }
  }

  private static JsonWebKey select(JsonWebSignature jws, List<JsonWebKey> keys) {
    try {
      return new VerificationJwkSelector().select(jws, keys);
    } catch (JoseException e) {
      return null;
    }
  }
}
