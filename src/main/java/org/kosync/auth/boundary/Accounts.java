package org.kosync.auth.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.kosync.auth.control.AccountStore;
import org.kosync.auth.control.Credentials;
import org.kosync.auth.control.TokenIssuer;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;
import org.kosync.auth.entity.TokenClaims;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** Registration, authentication, password change and deletion of KOReader accounts. */
@ApplicationScoped
public class Accounts {

  private static final System.Logger LOG = System.getLogger(Accounts.class.getName());

  @Inject
  AccountStore store;

  @Inject
  Credentials credentials;

  @Inject
  TokenIssuer tokens;

  // a token is checked against its account on every request; a change on another node shows within 30 s
  private final Cache<Long, Integer> credentialVersions =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  int clockSkewSeconds;

  // named as the official Docker image's switch
  @Inject
  @ConfigProperty(name = "DISABLE_REGISTRATION", defaultValue = "false")
  boolean registrationDisabled;

  public Caller register(String username, String key) {
    if (registrationDisabled) {
      throw new SyncException(SyncError.REGISTRATION_DISABLED);
    }
    if (store.byUsername(username).isPresent()) {
      throw new SyncException(SyncError.USER_EXISTS);
    }
    var hash = credentials.hash(key);
    try {
      var caller = store.insert(username, hash);
      LOG.log(Level.INFO, "Account {0} registered", caller.accountId());
      return caller;
    } catch (PersistenceException e) {
      if (store.byUsername(username).isPresent()) {
        throw new SyncException(SyncError.USER_EXISTS); // lost a race with the same name
      }
      throw e;
    }
  }

  public Caller authenticate(String username, String key) {
    var cacheKey = credentials.cacheKey(username, key);
    var cached = credentials.cached(cacheKey);
    if (cached.isPresent()) {
      return cached.get();
    }
    var generation = credentials.generation();
    var account = store.byUsername(username);
    if (!credentials.verify(key, account.map(Account::passwordHash))) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    var caller = account.orElseThrow().asCaller();
    credentials.remember(cacheKey, caller, generation);
    return caller;
  }

  /**
   * A Bearer token MicroProfile JWT has verified (signature, issuer, expiry) still has to belong to
   * an existing account and to its current password.
   */
  public Caller authenticate(JsonWebToken token) {
    // custom claims come back as JSON-P values from some MP-JWT implementations, as plain values from others
    var version = token.claim(TokenIssuer.CREDENTIAL_VERSION).map(v -> v instanceof JsonNumber n ? n.intValue()
        : v instanceof Number n ? n.intValue() : null);
    var use = token.claim(TokenIssuer.USE).map(v -> v instanceof JsonString s ? s.getString() : v.toString());
    var claims = new TokenClaims(token.getSubject(), token.getName(), version, use, Optional.ofNullable(token.getTokenID()),
        Instant.ofEpochSecond(token.getExpirationTime()));
    // a WebSocket URI's token may end up in a log: it opens that one connection and no REST call
    if (use.isPresent() || notYetValid(token)) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    return authenticate(claims);
  }

  // SmallRye (WildFly) refuses a token before its "nbf", Payara's MicroProfile JWT does not check it
  private boolean notYetValid(JsonWebToken token) {
    return token.claim(Claims.nbf.name())
        .map(v -> v instanceof JsonNumber n ? n.longValue() : v instanceof Number n ? n.longValue() : Long.MAX_VALUE)
        .filter(notBefore -> notBefore > Instant.now().getEpochSecond() + clockSkewSeconds)
        .isPresent();
  }

  /** For a token verified anywhere: the account must exist, and the password must not have changed since. */
  public Caller authenticate(TokenClaims token) {
    try {
      var accountId = Long.parseLong(token.subject());
      var current = credentialVersions.get(accountId, id -> store.byId(id).map(Account::credentialVersion).orElse(null));
      if (current == null || token.credentialVersion().isEmpty() || token.credentialVersion().get().intValue() != current) {
        throw new SyncException(SyncError.UNAUTHORIZED);
      }
      return new Caller(accountId, token.username());
    } catch (NumberFormatException e) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
  }

  public String issueToken(Caller caller) {
    return tokens.issue(caller, currentCredentialVersion(caller));
  }

  public String issueWebSocketToken(Caller caller) {
    return tokens.issueForWebSocket(caller, currentCredentialVersion(caller));
  }

  private int currentCredentialVersion(Caller caller) {
    return store.byId(caller.accountId()).map(Account::credentialVersion).orElseThrow(() -> new SyncException(SyncError.UNAUTHORIZED));
  }

  public void changePassword(Caller caller, String newKey) {
    var hash = credentials.hash(newKey);
    var changed = store.changePasswordHash(caller.accountId(), hash);
    credentials.forget(caller.username());
    credentialVersions.invalidate(caller.accountId());
    if (!changed) {
      throw new SyncException(SyncError.ACCOUNT_NOT_FOUND);
    }
    LOG.log(Level.INFO, "Account {0} changed its password", caller.accountId());
  }

  public void delete(Caller caller) {
    var deleted = store.delete(caller.accountId());
    credentials.forget(caller.username());
    credentialVersions.invalidate(caller.accountId());
    if (!deleted) {
      throw new SyncException(SyncError.ACCOUNT_NOT_FOUND);
    }
    LOG.log(Level.INFO, "Account {0} deleted", caller.accountId());
  }
}
