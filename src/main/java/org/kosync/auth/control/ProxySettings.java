package org.kosync.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code ENABLE_TRUSTED_PROXIES} and {@code TRUSTED_PROXIES}, read here only (names as in the README). */
@ApplicationScoped
public class ProxySettings {

  @Inject
  @ConfigProperty(name = "ENABLE_TRUSTED_PROXIES", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "TRUSTED_PROXIES", defaultValue = " ")
  List<String> entries;

  private TrustedProxies trusted;

  @PostConstruct
  void init() {
    trusted = enabled ? TrustedProxies.parse(entries) : TrustedProxies.none();
  }

  public TrustedProxies trusted() {
    return trusted;
  }
}
