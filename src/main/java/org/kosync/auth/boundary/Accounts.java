package org.kosync.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.control.AccountStore;
import org.kosync.auth.control.AuthMeters;
import org.kosync.auth.control.Credentials;
import org.kosync.auth.control.DeviceKeyStore;
import org.kosync.auth.control.DeviceUse;
import org.kosync.auth.control.HeaderText;
import org.kosync.auth.control.LoginLimits;
import org.kosync.auth.control.TokenIssuer;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;
import org.kosync.auth.entity.CredentialsChanged;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * The account lifecycle: registration, KOReader's username-and-key authentication (of an account or
 * one of its device keys), tokens for an authenticated account, password change and deletion (each of which retires the account's cached
 * credentials and earlier tokens).
 */
@ApplicationScoped
public class Accounts {

  private static final System.Logger LOG = System.getLogger(Accounts.class.getName());

  // the WebSockets opened with the account's earlier tokens (org.kosync.rpc) close on it
  @Inject
  Event<CredentialsChanged> credentialsChanged;

  @Inject
  AccountStore store;

  @Inject
  Credentials credentials;

  @Inject
  TokenIssuer tokens;

  @Inject
  LoginLimits limits;

  @Inject
  DeviceKeyStore devices;

  @Inject
  DeviceUse deviceUse;

  // named as the official Docker image's switch
  @Inject
  @ConfigProperty(name = "DISABLE_REGISTRATION", defaultValue = "false")
  boolean registrationDisabled;

  public Caller register(String username, String key, String clientAddress) {
    if (registrationDisabled) {
      throw new SyncException(SyncError.REGISTRATION_DISABLED);
    }
    limits.registering(clientAddress);
    if (store.byUsername(username).isPresent()) {
      throw new SyncException(SyncError.USER_EXISTS);
    }
    var generation = credentials.generation();
    var hash = credentials.hash(key);
    try {
      var caller = store.insert(username, Optional.of(hash));
      // the hash was just computed: the new reader's first sync need not compute it again
      credentials.remember(credentials.cacheKey(username, key), caller, generation);
      AuthMeters.registered();
      LOG.log(Level.INFO, "KOSYNC1001: Account {0} registered", caller.accountId());
      return caller;
    } catch (PersistenceException e) {
      if (store.byUsername(username).isPresent()) {
        throw new SyncException(SyncError.USER_EXISTS); // lost a race with the same name
      }
      throw e;
    }
  }

  /**
   * An account's username and password key, or a device key's login and key. A verified (cached)
   * credential is never limited; any other check first asks {@link LoginLimits}.
   */
  public Caller authenticate(String username, String key, Supplier<String> client) {
    var cacheKey = credentials.cacheKey(username, key);
    var cached = credentials.cached(cacheKey);
    if (cached.isPresent()) {
      return used(cached.get()); // the hot path: not even the client's address is looked at
    }
    var clientAddress = client.get();
    limits.checkLogin(clientAddress, username);
    // registration refuses these, so no account can match; nor could the database look the name up
    if (!HeaderText.couldBeRegistered(username) || !HeaderText.couldBeRegistered(key)) {
      AuthMeters.failed("password");
      limits.failedLogin(clientAddress, Optional.empty());
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    var generation = credentials.generation();
    var caller = credentials.checkOnce(
        cacheKey,
        generation,
        () -> DeviceKey.isLogin(username) ? device(username, key) : account(username, key));
    if (caller.isEmpty()) {
      AuthMeters.failed(DeviceKey.isLogin(username) ? "device_key" : "password");
      limits.failedLogin(clientAddress, Optional.of(username));
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    credentials.remember(cacheKey, caller.get(), generation);
    return used(caller.get());
  }

  private Optional<Caller> account(String username, String key) {
    var account = store.byUsername(username);
    // an account without a password (single sign-on) is checked against the decoy, like none
    return credentials.verify(key, account.flatMap(Account::passwordHash))
        ? account.map(Account::asCaller)
        : Optional.empty();
  }

  private Optional<Caller> device(String login, String key) {
    var device = devices.byLogin(login);
    if (!credentials.verify(key, device.map(DeviceKey::keyHash))) {
      return Optional.empty();
    }
    var accountName = login.substring(0, login.indexOf(DeviceKey.LOGIN_SEPARATOR));
    return device.map(d -> new Caller(d.accountId(), accountName, d.id()));
  }

  private Caller used(Caller caller) {
    if (caller.isDevice()) {
      deviceUse.used(caller.deviceKeyId());
    }
    return caller;
  }

  public String issueToken(Caller caller) {
    return tokens.issue(caller, currentCredentialVersion(caller));
  }

  public String issueWebSocketToken(Caller caller) {
    return tokens.issueForWebSocket(caller, currentCredentialVersion(caller));
  }

  private int currentCredentialVersion(Caller caller) {
    return store
        .byId(caller.accountId())
        .map(Account::credentialVersion)
        .orElseThrow(() -> new SyncException(SyncError.UNAUTHORIZED));
  }

  public void changePassword(Caller caller, String newKey) {
    var hash = credentials.hash(newKey);
    var changed = store.changePasswordHash(caller.accountId(), hash);
    credentials.forget(caller.username());
    if (!changed) {
      throw new SyncException(SyncError.ACCOUNT_NOT_FOUND);
    }
    // the person signs in with it next (the web page does at once): no second slow hash for that
    var generation = credentials.generation();
    credentials.remember(
        credentials.cacheKey(caller.username(), newKey),
        new Caller(caller.accountId(), caller.username()),
        generation);
    credentialsChanged.fire(new CredentialsChanged(caller.accountId()));
    LOG.log(Level.INFO, "KOSYNC1002: Account {0} changed its password", caller.accountId());
  }

  public void delete(Caller caller) {
    var deleted = store.delete(caller.accountId());
    credentials.forget(caller.username());
    if (!deleted) {
      throw new SyncException(SyncError.ACCOUNT_NOT_FOUND);
    }
    credentialsChanged.fire(new CredentialsChanged(caller.accountId()));
    LOG.log(Level.INFO, "KOSYNC1003: Account {0} deleted", caller.accountId());
  }
}
