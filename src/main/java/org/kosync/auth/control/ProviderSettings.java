package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code kosync.oidc.*} ({@code KOSYNC_OIDC_*}): the organisation's identity provider, if any. */
@ApplicationScoped
public class ProviderSettings {

  @Inject
  @ConfigProperty(name = "kosync.oidc.issuer")
  Optional<String> issuer;

  @Inject
  @ConfigProperty(name = "kosync.oidc.jwks")
  Optional<String> jwks;

  @Inject
  @ConfigProperty(name = "kosync.oidc.audience")
  Optional<String> audience;

  @Inject
  @ConfigProperty(name = "kosync.oidc.username-claim", defaultValue = "preferred_username")
  String usernameClaim;

  // how often at most the keys are read again for a key id not among them
  @Inject
  @ConfigProperty(name = "kosync.oidc.jwks.refresh-limit", defaultValue = "PT10S")
  Duration refreshLimit;

  @Inject
  @ConfigProperty(name = "kosync.oidc.jwks.max-age", defaultValue = "PT10M")
  Duration maxAge;

  public Optional<String> issuer() {
    return issuer.map(String::strip).filter(i -> !i.isEmpty());
  }

  public Optional<String> jwks() {
    return jwks.map(String::strip).filter(j -> !j.isEmpty());
  }

  public Optional<String> audience() {
    return audience.map(String::strip).filter(a -> !a.isEmpty());
  }

  public String usernameClaim() {
    return usernameClaim.strip();
  }

  public Duration refreshLimit() {
    return refreshLimit;
  }

  public Duration maxAge() {
    return maxAge;
  }
}
