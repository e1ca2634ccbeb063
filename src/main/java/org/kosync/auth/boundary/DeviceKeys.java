package org.kosync.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.kosync.auth.control.Credentials;
import org.kosync.auth.control.DeviceKeyStore;
import org.kosync.auth.control.DeviceSecrets;
import org.kosync.auth.control.DeviceUse;
import org.kosync.auth.entity.Caller;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * A person's device keys: created with a password that is shown once and stored like a password
 * (pepper and slow hash of the MD5 KOReader sends), listed without it, revoked at once — the
 * revoked key's cached verdict is dropped, so its very next request is 401.
 */
@ApplicationScoped
public class DeviceKeys {

  private static final System.Logger LOG = System.getLogger(DeviceKeys.class.getName());
  static final int MAX_PER_ACCOUNT = 100;

  /** A key just made, with the one and only copy of its password. */
  public record Created(DeviceKey key, String password) {}

  @Inject
  DeviceKeyStore store;

  @Inject
  Credentials credentials;

  @Inject
  DeviceUse use;

  private final SecureRandom random = new SecureRandom();

  public Created create(Caller person, String name) {
    if (store.countOfAccount(person.accountId()) >= MAX_PER_ACCOUNT) {
      throw new SyncException(
          SyncError.INVALID_REQUEST,
          "An account has at most " + MAX_PER_ACCOUNT + " device keys; revoke one first.");
    }
    var password = DeviceSecrets.password(random);
    var hash = credentials.hash(DeviceSecrets.koreaderKey(password));
    for (var attempt = 0; ; attempt++) {
      var login = person.username() + DeviceKey.LOGIN_SEPARATOR + DeviceSecrets.loginSuffix(random);
      try {
        var key = store.insert(new DeviceKey(person.accountId(), name, login, hash, Instant.now()));
        LOG.log(
            Level.INFO,
            "KOSYNC1004: Account {0} created device key {1}",
            person.accountId(),
            key.id());
        return new Created(key, password);
      } catch (PersistenceException e) {
        // a login suffix drawn twice (30 bits) is worth one more draw; anything else is not
        if (attempt == 2 || store.byLogin(login).isEmpty()) {
          throw e;
        }
      }
    }
  }

  public List<DeviceKey> of(Caller person) {
    return store.ofAccount(person.accountId());
  }

  public void revoke(Caller person, long id) {
    var deleted = store.delete(person.accountId(), id);
    credentials.forgetDevice(id);
    use.forget(id);
    if (!deleted) {
      throw new SyncException(SyncError.DEVICE_KEY_NOT_FOUND);
    }
    LOG.log(Level.INFO, "KOSYNC1005: Account {0} revoked device key {1}", person.accountId(), id);
  }
}
