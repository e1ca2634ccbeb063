/**
 * Who is connected to the WebSocket API and subscribed to what, and the fan-out of committed
 * document changes to them. The registry is the only shared state; sends are asynchronous, so a
 * writer never waits for a socket.
 */
package org.kosync.sessions;
