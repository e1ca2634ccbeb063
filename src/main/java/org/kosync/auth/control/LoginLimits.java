package org.kosync.auth.control;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * Guessing does not pay: failed credential checks are counted per client address and per username
 * at that address, registrations per address, each in a window. Past a budget the caller gets 429
 * with Retry-After, and nothing is hashed for it. Only failures count, and a credential already
 * verified (cached) is never checked here, so a device with the right key is never locked out; an
 * attack on a username from elsewhere does not touch its owner's budget at the owner's address.
 * State is per node.
 */
@ApplicationScoped
public class LoginLimits {

  // enough distinct addresses and names for a large install; an attacker's extra keys evict old
  // ones
  private static final long MAX_KEYS = 200_000;

  @Inject
  @ConfigProperty(name = "kosync.auth.limit.window", defaultValue = "PT10M")
  Duration window;

  @Inject
  @ConfigProperty(name = "kosync.auth.limit.failures-per-address", defaultValue = "30")
  int failuresPerAddress;

  @Inject
  @ConfigProperty(name = "kosync.auth.limit.failures-per-user", defaultValue = "10")
  int failuresPerUser;

  @Inject
  @ConfigProperty(name = "kosync.auth.limit.registrations-per-address", defaultValue = "20")
  int registrationsPerAddress;

  private AttemptBudget byAddress;
  private AttemptBudget byUserAtAddress;
  private AttemptBudget registrations;

  @PostConstruct
  void init() {
    byAddress = new AttemptBudget(failuresPerAddress, window, MAX_KEYS, Ticker.systemTicker());
    byUserAtAddress = new AttemptBudget(failuresPerUser, window, MAX_KEYS, Ticker.systemTicker());
    registrations =
        new AttemptBudget(registrationsPerAddress, window, MAX_KEYS, Ticker.systemTicker());
  }

  /** Before a credential is checked the slow way. */
  public void checkLogin(String address, String username) {
    byAddress
        .exhausted(address)
        .or(() -> byUserAtAddress.exhausted(userAt(username, address)))
        .ifPresent(wait -> {
          AuthMeters.rateLimited("login");
          throw new SyncException(
              SyncError.TOO_MANY_ATTEMPTS,
              "Too many failed logins from here; try again later.",
              wait);
        });
  }

  public void failedLogin(String address, Optional<String> username) {
    byAddress.count(address);
    username.ifPresent(name -> byUserAtAddress.count(userAt(name, address)));
  }

  /** Every registration attempt counts, made or refused. */
  public void registering(String address) {
    registrations.exhausted(address).ifPresent(wait -> {
      AuthMeters.rateLimited("registration");
      throw new SyncException(
          SyncError.TOO_MANY_ATTEMPTS, "Too many registrations from here; try again later.", wait);
    });
    registrations.count(address);
  }

  private static String userAt(String username, String address) {
    return address + '\u0000' + username;
  }
}
