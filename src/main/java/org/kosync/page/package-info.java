/**
 * The reader's web page at {@code /}: plain JavaScript modules and a style sheet packed in the WAR
 * (src/main/resources/page), served with a strict Content-Security-Policy under a URL that names
 * their content hash, and {@code /api/server.info}, which tells the sign-in page what this server
 * offers (registration, the identity provider, a trusted proxy's sign-in, live updates). Everything
 * else the page does goes through the public API, as any other client would.
 */
package org.kosync.page;
