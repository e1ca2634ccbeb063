package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.kosync.auth.entity.Account;
import org.kosync.auth.entity.Caller;

/** Short transactions only: slow hashing always happens outside them, off the pool's connections. */
@ApplicationScoped
@Transactional
public class AccountStore {

  @PersistenceContext
  EntityManager em;

  public Optional<Account> byUsername(String username) {
    return em.createNamedQuery(Account.BY_USERNAME, Account.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  /** {@code passwordHash} empty: a person who signs in through single sign-on only. */
  public Caller insert(String username, Optional<String> passwordHash) {
    var account = new Account(username, passwordHash, Instant.now());
    em.persist(account);
    em.flush();
    return account.asCaller();
  }

  public Optional<Account> byId(long accountId) {
    return Optional.ofNullable(em.find(Account.class, accountId));
  }

  public boolean changePasswordHash(long accountId, String passwordHash) {
    var account = em.find(Account.class, accountId);
    if (account == null) {
      return false;
    }
    account.changePasswordHash(passwordHash);
    return true;
  }

  public boolean delete(long accountId) {
    var account = em.find(Account.class, accountId);
    if (account == null) {
      return false;
    }
    em.remove(account);
    return true;
  }
}
