/**
 * The WebSocket API (experimental, {@code ENABLE_WEBSOCKET_API=true}). For now: {@code /api/ws}
 * hands out the URI to connect to, with a short-lived token meant only for that connection, and
 * builds it as the client sees the server — through a trusted reverse proxy if there is one.
 */
package org.kosync.rpc;
