package org.kosync.rpc.boundary;

import io.micrometer.core.instrument.Counter;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.control.TokenVerifier;
import org.kosync.auth.entity.Caller;
import org.kosync.meters.control.Meters;
import org.kosync.problems.entity.SyncException;
import org.kosync.rpc.control.MessageAssembly;
import org.kosync.rpc.control.Messages;
import org.kosync.rpc.control.RpcDispatcher;
import org.kosync.rpc.control.WebSocketUris;
import org.kosync.sessions.control.LiveSession;
import org.kosync.sessions.control.SessionRegistry;

/**
 * The WebSocket API, one instance per connection. The token in the path is checked before
 * anything else; a refused one gets one rpc frame for "connect" and a policy close (1008).
 */
@ServerEndpoint(value = WebSocketUris.PATH + "{token}", configurator = HandshakeInspector.class)
public class RpcEndpoint {

  private static final System.Logger LOG = System.getLogger(RpcEndpoint.class.getName());
  static final String CALLER = "kosync.caller";
  static final String LIVE = "kosync.live-session";
  // larger messages are closed with 1009 (too big)
  static final int MAX_MESSAGE_BYTES = 64 * 1024;

  @Inject
  TokenVerifier tokens;

  @Inject
  RpcDispatcher dispatcher;

  @Inject
  SessionRegistry registry;

  @Inject
  @ConfigProperty(name = "kosync.version")
  String version;

  // one endpoint instance per connection, and a connection's parts arrive one after the other
  private final MessageAssembly assembly = new MessageAssembly(MAX_MESSAGE_BYTES);

  @OnOpen
  public void open(Session session, @PathParam("token") String token) throws IOException {
    session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
    session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
    if (!Boolean.TRUE.equals(session.getUserProperties().get(HandshakeInspector.ORIGIN_ALLOWED))) {
      refuse(session, "This origin may not use the WebSocket API.");
      return;
    }
    try {
      var connection = tokens.webSocket(token);
      var caller = connection.caller();
      var live = registry.open(caller.accountId(), session, connection.expiresAt());
      if (live.isEmpty()) {
        refuse(
            session,
            "Too many open connections for this account (kosync.websocket.max-sessions-per-user).");
        return;
      }
      session.getUserProperties().put(CALLER, caller);
      session.getUserProperties().put(LIVE, live.get());
      live.get().outbox().send(Messages.hello(version));
      // never the path: it holds the token
      LOG.log(Level.DEBUG, "KOSYNC2001: WebSocket opened for account {0}", caller.accountId());
    } catch (SyncException e) {
      refuse(session, e.detail().orElse("Unauthorized"));
    }
  }

  private void refuse(Session session, String why) {
    registry.refuse(session, Messages.rpc("connect", JsonValue.NULL, why));
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    // 1013 fell behind, 1001 no answer to pings, 1008 token expired or refused, 1009 too big
    Counter.builder("kosync.websocket.closed")
        .tag("code", Integer.toString(reason.getCloseCode().getCode()))
        .register(Meters.REGISTRY)
        .increment();
    if (session.getUserProperties().get(LIVE) instanceof LiveSession live) {
      registry.close(live);
    }
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    if (session.getUserProperties().get(LIVE) instanceof LiveSession live) {
      live.ponged(Instant.now());
    }
  }

  /** The API speaks JSON text only: a binary message closes the connection with 1003 (cannot accept). */
  @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
  public void binary(Session session, ByteBuffer data) throws IOException {
    session.close(
        new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "Only text messages (JSON)"));
  }

  /**
   * Text arrives in parts as the container reads it: Undertow assembles a whole message before it
   * checks any size limit (100 MB in one frame were read in full), so the limit is held here, from
   * the first part that crosses it.
   */
  @OnMessage
  public void message(Session session, String part, boolean last) throws IOException {
    var caller = (Caller) session.getUserProperties().get(CALLER);
    var live = (LiveSession) session.getUserProperties().get(LIVE);
    if (caller == null || live == null) {
      return; // refused at open, closing
    }
    if (!assembly.fits(part)) {
      session.close(
          new CloseReason(CloseReason.CloseCodes.TOO_BIG, "Messages are limited to 64 KiB"));
      return;
    }
    if (!last) {
      return;
    }
    var text = assembly.take();
    var reply = dispatcher.handle(caller, text);
    if (reply.subscribe()) {
      registry.subscribe(live);
    }
    if (reply.thenClose()) {
      live.outbox()
          .sendThenClose(
              reply.text(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "goodbye."));
    } else {
      live.outbox().reply(reply.text());
    }
  }
}
