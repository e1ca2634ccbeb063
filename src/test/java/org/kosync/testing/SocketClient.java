package org.kosync.testing;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Jakarta WebSocket client that queues what it receives and remembers how it was closed. In the
 * test JVM the container is Tyrus (over Grizzly); inside the server, the server's own client.
 */
public final class SocketClient implements AutoCloseable {

  public record Closed(int code, String reason) {}

  private static final WebSocketContainer CONTAINER = container();

  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final Session session;

  private static WebSocketContainer container() {
    var container = ContainerProvider.getWebSocketContainer();
    container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
    return container;
  }

  private SocketClient(URI uri, String origin) {
    var config = ClientEndpointConfig.Builder.create()
        .configurator(new ClientEndpointConfig.Configurator() {
          @Override
          public void beforeRequest(Map<String, List<String>> headers) {
            if (origin != null) {
              headers.put("Origin", List.of(origin));
            }
          }
        })
        .build();
    try {
      this.session = CONTAINER.connectToServer(new Listener(), config, uri);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not open " + uri.getScheme() + "://" + uri.getAuthority(), e);
    }
  }

  private final class Listener extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closed.complete(new Closed(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }

    @Override
    public void onError(Session session, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  public static SocketClient open(String uri) {
    return new SocketClient(URI.create(uri), null);
  }

  /** As a browser page from {@code origin} would connect. */
  public static SocketClient openFrom(String origin, String uri) {
    return new SocketClient(URI.create(uri), origin);
  }

  public void send(String text) throws IOException {
    session.getBasicRemote().sendText(text);
  }

  /** The next frame, or an AssertionError after 5 s. */
  public String next() throws InterruptedException {
    return nextWithin(5);
  }

  public String nextWithin(int seconds) throws InterruptedException {
    var message = received.poll(seconds, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message within " + seconds + " s");
    }
    return message;
  }

  /** A frame that arrives within {@code millis}, or null. */
  public String poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  public Closed closed() throws Exception {
    return closedWithin(5);
  }

  public Closed closedWithin(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    if (session.isOpen()) {
      session.close();
    }
  }
}
