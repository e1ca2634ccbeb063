/**
 * Who is connected to the WebSocket API and subscribed to what, and the fan-out of committed
 * document changes to them. The registry is the only shared state; every session sends through
 * its own bounded outbox, so a writer never waits for a socket and a slow reader only loses itself.
 */
package org.kosync.sessions;
