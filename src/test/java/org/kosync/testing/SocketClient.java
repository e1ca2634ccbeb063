package org.kosync.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (the JDK's) that queues what it receives and remembers how it was closed. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

  public record Closed(int code, String reason) {}

  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  private SocketClient(URI uri, String origin) {
    var builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    this.socket = builder.buildAsync(uri, this).join();
  }

  public static SocketClient open(String uri) {
    return new SocketClient(URI.create(uri), null);
  }

  /** As a browser page from {@code origin} would connect. */
  public static SocketClient openFrom(String origin, String uri) {
    return new SocketClient(URI.create(uri), origin);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      received.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next frame, or an AssertionError after 5 s. */
  public String next() throws InterruptedException {
    var message = received.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message within 5 s");
    }
    return message;
  }

  public Closed closed() throws Exception {
    return closedWithin(5);
  }

  public Closed closedWithin(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    socket.abort();
  }
}
