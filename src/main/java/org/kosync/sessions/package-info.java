/**
 * Who is connected to the WebSocket API and subscribed to their account's changes. The registry is
 * the only shared state: it opens, subscribes, closes and sweeps sessions, and sends a text to an
 * account's subscribers, without knowing what the text says. Every session sends through its own
 * bounded outbox, so a writer never waits for a socket and a slow reader only loses itself.
 */
package org.kosync.sessions;
