package org.kosync.operations.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.control.TrustedProxies;

/**
 * Who may read {@code /metrics}: nobody unless {@code kosync.metrics.enabled}; then a peer whose
 * address is in {@code kosync.metrics.allowed} (IPs or CIDR ranges; the machine itself by default),
 * or anyone presenting {@code kosync.metrics.token} as a Bearer secret. The peer is the direct one:
 * a proxy in front must be listed itself, and its {@code X-Forwarded-For} counts for nothing here.
 */
@ApplicationScoped
public class ScrapeAccess {

  @Inject
  @ConfigProperty(name = "kosync.metrics.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "kosync.metrics.allowed", defaultValue = "127.0.0.1,::1")
  List<String> allowed;

  @Inject
  @ConfigProperty(name = "kosync.metrics.token")
  Optional<String> token;

  private TrustedProxies allowedPeers;

  @PostConstruct
  void init() {
    allowedPeers = TrustedProxies.parse(allowed);
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean allows(String peer, Optional<String> bearer) {
    return allowedPeers.trusts(peer)
        || token
            .filter(secret -> !secret.isBlank())
            .flatMap(secret -> bearer.map(presented -> MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))))
            .orElse(false);
  }
}
