package org.kosync.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code ENABLE_TRUSTED_PROXIES}, {@code TRUSTED_PROXIES} and {@code KOSYNC_PROXY_AUTH_HEADER}, read
 * here only (names as in the README).
 */
@ApplicationScoped
public class ProxySettings {

  private static final System.Logger LOG = System.getLogger(ProxySettings.class.getName());

  @Inject
  @ConfigProperty(name = "ENABLE_TRUSTED_PROXIES", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "TRUSTED_PROXIES", defaultValue = " ")
  List<String> entries;

  // the header a single sign-on proxy names the signed-in user in, e.g. Remote-User
  @Inject
  @ConfigProperty(name = "kosync.proxy.auth-header")
  Optional<String> authHeader;

  private TrustedProxies trusted;

  @PostConstruct
  void init() {
    trusted = enabled ? TrustedProxies.parse(entries) : TrustedProxies.none();
    if (authHeader().isPresent() && !enabled) {
      LOG.log(
          Level.WARNING,
          "KOSYNC1103: kosync.proxy.auth-header is set but ENABLE_TRUSTED_PROXIES is not: the header is "
              + "ignored, since no proxy is trusted to send it");
    }
  }

  public Optional<String> authHeader() {
    return authHeader.map(String::strip).filter(h -> !h.isEmpty());
  }

  /**
   * The user a trusted proxy names in {@link #authHeader()}, as sent (not yet decoded); from any
   * other peer the header is a claim, and nothing.
   */
  public Optional<String> namedUser(UnaryOperator<String> header, String peer) {
    return authHeader()
        .map(header)
        .map(String::strip)
        .filter(user -> !user.isEmpty())
        .filter(user -> trusted.trusts(peer));
  }

  public TrustedProxies trusted() {
    return trusted;
  }
}
