/**
 * The WebSocket API (experimental, {@code ENABLE_WEBSOCKET_API=true}): {@code /api/ws} hands out
 * the URI to connect to, with a short-lived single-use token, built as the client sees the server
 * (through a trusted reverse proxy if there is one); the endpoint at {@code /api/ws/{token}}
 * checks the token and origin, answers RPC frames ({@code documents.all}, {@code
 * documents.update}, {@code disconnect}) and PubSub subscriptions; and the {@link
 * org.kosync.rpc.control.Announcer} announces every committed document change to the account's
 * subscribed sessions through the session registry.
 */
package org.kosync.rpc;
