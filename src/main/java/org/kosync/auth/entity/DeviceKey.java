package org.kosync.auth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One e-reader's sync key: a login name of its own ({@code <account>:<suffix>}, which no account
 * can have, since usernames never contain ':') and a slow hash of the key KOReader sends, so
 * checking a device costs one hash whatever the number of its account's devices.
 */
@Entity
@Table(name = "device_keys")
@NamedQuery(name = DeviceKey.BY_LOGIN, query = "select d from DeviceKey d where d.login = :login")
@NamedQuery(
    name = DeviceKey.OF_ACCOUNT,
    query = "select d from DeviceKey d where d.accountId = :accountId order by d.createdAt, d.id")
public class DeviceKey {

  public static final String BY_LOGIN = "DeviceKey.byLogin";
  public static final String OF_ACCOUNT = "DeviceKey.ofAccount";
  public static final int NAME_MAX_LENGTH = 100;
  /** Between an account's name and the key's suffix; registration refuses it in a username. */
  public static final char LOGIN_SEPARATOR = ':';

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(name = "name", length = NAME_MAX_LENGTH, nullable = false)
  private String name;

  @Column(name = "login", length = 160, nullable = false, unique = true)
  private String login;

  @Column(name = "key_hash", length = Account.PASSWORD_HASH_MAX_LENGTH, nullable = false)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected DeviceKey() {}

  public DeviceKey(long accountId, String name, String login, String keyHash, Instant createdAt) {
    this.accountId = accountId;
    this.name = Objects.requireNonNull(name);
    this.login = Objects.requireNonNull(login);
    this.keyHash = Objects.requireNonNull(keyHash);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public static boolean isLogin(String username) {
    return username.indexOf(LOGIN_SEPARATOR) >= 0;
  }

  public long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public String name() {
    return name;
  }

  public String login() {
    return login;
  }

  public String keyHash() {
    return keyHash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> lastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }
}
