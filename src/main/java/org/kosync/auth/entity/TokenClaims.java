package org.kosync.auth.entity;

import java.time.Instant;
import java.util.Optional;

/** What KOsync reads from a verified token, whichever verifier checked its signature. */
public record TokenClaims(
    String subject, String username, Optional<Integer> credentialVersion, Optional<String> use, Optional<String> id, Instant expiresAt) {}
