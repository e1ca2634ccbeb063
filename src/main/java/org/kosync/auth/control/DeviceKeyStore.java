package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kosync.auth.entity.DeviceKey;

/** Short transactions only, like {@link AccountStore}: keys are hashed before, never inside. */
@ApplicationScoped
@Transactional
public class DeviceKeyStore {

  @PersistenceContext
  EntityManager em;

  public DeviceKey insert(DeviceKey key) {
    em.persist(key);
    em.flush();
    return key;
  }

  public Optional<DeviceKey> byLogin(String login) {
    return em.createNamedQuery(DeviceKey.BY_LOGIN, DeviceKey.class)
        .setParameter("login", login)
        .getResultStream()
        .findFirst();
  }

  public List<DeviceKey> ofAccount(long accountId) {
    return em.createNamedQuery(DeviceKey.OF_ACCOUNT, DeviceKey.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  public long countOfAccount(long accountId) {
    return em.createQuery(
            "select count(d) from DeviceKey d where d.accountId = :accountId", Long.class)
        .setParameter("accountId", accountId)
        .getSingleResult();
  }

  /** Only the account's own key: another account's id is as unknown as a missing one. */
  public boolean delete(long accountId, long id) {
    return em.createQuery("delete from DeviceKey d where d.id = :id and d.accountId = :accountId")
            .setParameter("id", id)
            .setParameter("accountId", accountId)
            .executeUpdate()
        == 1;
  }

  public void usedAt(long id, Instant when) {
    em.createQuery("update DeviceKey d set d.lastUsedAt = :when where d.id = :id")
        .setParameter("when", when)
        .setParameter("id", id)
        .executeUpdate();
  }
}
