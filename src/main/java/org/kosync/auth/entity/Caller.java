package org.kosync.auth.entity;

/**
 * Who an authenticated request acts for: an account, as itself ({@code deviceKeyId} {@link
 * #ACCOUNT_ITSELF}) or through one of its device sync keys, which read and write the account's
 * positions and do nothing else.
 */
public record Caller(long accountId, String username, long deviceKeyId) {

  public static final long ACCOUNT_ITSELF = 0;

  public Caller(long accountId, String username) {
    this(accountId, username, ACCOUNT_ITSELF);
  }

  public boolean isDevice() {
    return deviceKeyId != ACCOUNT_ITSELF;
  }
}
