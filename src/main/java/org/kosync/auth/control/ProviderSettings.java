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

  // the web page's own client at the provider: public, authorization code with PKCE; unset, the
  // page offers no provider sign-in (the provider's tokens still work on the API)
  @Inject
  @ConfigProperty(name = "kosync.oidc.client-id")
  Optional<String> pageClientId;

  @Inject
  @ConfigProperty(name = "kosync.oidc.display-name")
  Optional<String> displayName;

  @Inject
  @ConfigProperty(name = "kosync.oidc.scope", defaultValue = "openid")
  String scope;

  public Optional<String> issuer() {
    return present(issuer);
  }

  public Optional<String> jwks() {
    return present(jwks);
  }

  public Optional<String> audience() {
    return present(audience);
  }

  public Optional<String> pageClientId() {
    return present(pageClientId);
  }

  public Optional<String> displayName() {
    return present(displayName);
  }

  public String scope() {
    return scope.strip();
  }

  private static Optional<String> present(Optional<String> setting) {
    return setting.map(String::strip).filter(s -> !s.isEmpty());
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
