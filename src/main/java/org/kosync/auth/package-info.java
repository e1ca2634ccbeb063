/**
 * KOReader accounts, their credentials and tokens. The key a device sends (MD5 of the password) is
 * never stored: accounts keep a peppered, salted PBKDF2-HMAC-SHA256 hash (600,000 iterations), and
 * so do device keys, each with a login of its own so that a check costs one hash. Because KOReader
 * authenticates every request, verified credentials — passwords, device keys and tokens — are
 * cached under a keyed hash, so only the first request of a session pays for the slow hash; the
 * number of slow hashes running at once is bounded. Every presented token is checked by the one
 * {@link org.kosync.auth.control.TokenVerifier}, against the {@link
 * org.kosync.auth.control.TokenSource} of its issuer: KOsync itself, or the organisation's identity
 * provider. People the provider or a trusted proxy signed in get accounts through {@link
 * org.kosync.auth.control.SingleSignOn}.
 */
package org.kosync.auth;
