/**
 * KOReader accounts, their credentials and tokens. The key a device sends (MD5 of the password) is
 * never stored: accounts keep a peppered, salted PBKDF2-HMAC-SHA256 hash (600,000 iterations).
 * Because KOReader authenticates every request, verified credentials — passwords and tokens — are
 * cached under a keyed hash, so only the first request of a session pays for the slow hash; the
 * number of slow hashes running at once is bounded. Every presented token is checked by the one
 * {@link org.kosync.auth.control.TokenVerifier}, against the {@link
 * org.kosync.auth.control.TokenSource} of its issuer.
 */
package org.kosync.auth;
