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

@Entity
@Table(name = "accounts")
@NamedQuery(
    name = Account.BY_USERNAME,
    query = "select a from Account a where a.username = :username")
public class Account {

  public static final String BY_USERNAME = "Account.byUsername";
  public static final int USERNAME_MAX_LENGTH = 128;
  public static final int PASSWORD_HASH_MAX_LENGTH = 255;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "username", length = USERNAME_MAX_LENGTH, nullable = false, unique = true)
  private String username;

  // null for a person who signs in through single sign-on and has no KOReader password
  @Column(name = "password_hash", length = PASSWORD_HASH_MAX_LENGTH)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "credential_version", nullable = false)
  private int credentialVersion;

  protected Account() {}

  /** {@code passwordHash} empty: an account for single sign-on, which KOReader's password never opens. */
  public Account(String username, Optional<String> passwordHash, Instant createdAt) {
    this.username = Objects.requireNonNull(username);
    this.passwordHash = passwordHash.orElse(null);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public Optional<String> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  /** Also retires every token issued under the old password. */
  public void changePasswordHash(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
    this.credentialVersion++;
  }

  public int credentialVersion() {
    return credentialVersion;
  }

  public Caller asCaller() {
    return new Caller(id, username);
  }
}
