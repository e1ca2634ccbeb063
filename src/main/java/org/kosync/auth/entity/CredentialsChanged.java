package org.kosync.auth.entity;

/**
 * Fired after an account's password changed or the account was deleted, once committed: every
 * token issued before is refused from now on, and whatever is still open with one must end too.
 */
public record CredentialsChanged(long accountId) {}
