package org.kosync.rpc.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncException;
import org.kosync.rpc.control.Handshakes;
import org.kosync.rpc.control.Messages;
import org.kosync.rpc.control.RpcDispatcher;
import org.kosync.sessions.control.SessionRegistry;

/**
 * The WebSocket API, one instance per connection. The token in the path is checked before
 * anything else; a refused one gets one rpc frame for "connect" and a policy close (1008).
 */
@ServerEndpoint("/api/ws/{token}")
public class RpcEndpoint {

  private static final System.Logger LOG = System.getLogger(RpcEndpoint.class.getName());
  static final String CALLER = "kosync.caller";

  @Inject
  Handshakes handshakes;

  @Inject
  RpcDispatcher dispatcher;

  @Inject
  SessionRegistry registry;

  @Inject
  @ConfigProperty(name = "kosync.version")
  String version;

  @OnOpen
  public void open(Session session, @PathParam("token") String token) throws IOException {
    try {
      var caller = handshakes.authenticate(token);
      session.getUserProperties().put(CALLER, caller);
      session.getBasicRemote().sendText(Messages.hello(version));
      // never the path: it holds the token
      LOG.log(Level.DEBUG, "WebSocket opened for account {0}", caller.accountId());
    } catch (SyncException e) {
      session.getBasicRemote().sendText(Messages.rpc("connect", JsonValue.NULL, e.detail().orElse("Unauthorized")));
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Unauthorized"));
    }
  }

  @OnClose
  public void close(Session session) {
    if (session.getUserProperties().get(CALLER) instanceof Caller caller) {
      registry.remove(caller.accountId(), session);
    }
  }

  @OnMessage
  public void message(Session session, String text) throws IOException {
    var caller = (Caller) session.getUserProperties().get(CALLER);
    if (caller == null) {
      return; // refused at open, closing
    }
    var reply = dispatcher.handle(caller, text);
    if (reply.subscribe()) {
      registry.subscribe(caller.accountId(), session);
    }
    session.getBasicRemote().sendText(reply.text());
    if (reply.thenClose()) {
      session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "goodbye."));
    }
  }
}
