package org.kosync.auth.entity;

/** Who an authenticated request acts for. */
public record Caller(long accountId, String username) {}
