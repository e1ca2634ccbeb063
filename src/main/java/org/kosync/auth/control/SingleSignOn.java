package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;
import org.kosync.auth.entity.DeviceKey;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/**
 * A person someone else has authenticated — the identity provider ({@link ProviderTokens}) or the
 * trusted reverse proxy — becomes the account of that name, created at first sight unless
 * {@code kosync.oidc.create-users} is false. Such an account has no KOReader password: its
 * e-readers use device keys. {@code DISABLE_REGISTRATION} is about KOReader's registration and
 * does not apply here; the organisation decides who signs in.
 */
@ApplicationScoped
public class SingleSignOn {

  private static final System.Logger LOG = System.getLogger(SingleSignOn.class.getName());

  @Inject
  AccountStore store;

  @Inject
  @ConfigProperty(name = "kosync.oidc.create-users", defaultValue = "true")
  boolean createUsers;

  public Caller person(String username) {
    if (!usable(username)) {
      throw new SyncException(
          SyncError.UNAUTHORIZED,
          "The signed-in name cannot be a KOsync username (empty, longer than "
              + Account.USERNAME_MAX_LENGTH
              + " characters, or with ':' or control characters).");
    }
    return store.byUsername(username).map(Account::asCaller).orElseGet(() -> created(username));
  }

  /** The rules registration applies to a username (org.kosync.sync.control.Fields). */
  static boolean usable(String username) {
    return !username.isEmpty()
        && username.length() <= Account.USERNAME_MAX_LENGTH
        && username.strip().equals(username)
        && !DeviceKey.isLogin(username)
        && HeaderText.couldBeRegistered(username);
  }

  private Caller created(String username) {
    if (!createUsers) {
      throw new SyncException(
          SyncError.UNAUTHORIZED, "No KOsync account has this name, and none is created here.");
    }
    try {
      var caller = store.insert(username, Optional.empty());
      LOG.log(
          Level.INFO,
          "KOSYNC1006: Account {0} created at its first single sign-on",
          caller.accountId());
      return caller;
    } catch (PersistenceException e) {
      // two first requests of one person at once: the other one created it
      return store.byUsername(username).map(Account::asCaller).orElseThrow(() -> e);
    }
  }
}
