package org.kosync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the server under test, for a browser: everything the page loads and its
 * WebSocket pass through it, so a test can end the page's WebSocket connections the way the server
 * does when it closes one (a close frame with a code, then the end of the connection). The page's
 * WebSocket URI points here too, since the server builds it from the Host the browser sent.
 */
public final class PageRelay implements AutoCloseable {

  private static final byte[] WEBSOCKET_REQUEST =
      "GET /api/ws/".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final int target;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  private final class Connection {
    final Socket browser;
    final Socket server;
    volatile boolean webSocket;
    volatile boolean closing;

    Connection(Socket browser, Socket server) {
      this.browser = browser;
      this.server = server;
    }

    void start() {
      daemon(() -> pump(browser, server, true));
      daemon(() -> pump(server, browser, false));
    }

    private void pump(Socket from, Socket to, boolean fromBrowser) {
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        var buffer = new byte[16384];
        for (int read; (read = in.read(buffer)) != -1; ) {
          // a request starts a read on an idle connection; the browser may reuse a kept-alive
          // one for its WebSocket handshake, which then never carries HTTP again
          if (fromBrowser && startsWith(buffer, read, WEBSOCKET_REQUEST)) {
            webSocket = true;
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException ended) {
        // either side went away: the other follows
      } finally {
        // when the test closes the connection, it writes the close frame itself
        if (!closing) {
          quietly(browser);
        }
        quietly(server);
        connections.remove(this);
      }
    }

    /** As the server closes a WebSocket: a close frame with {@code code}, then the end. */
    void closeWebSocket(int code) throws IOException {
      closing = true;
      quietly(server); // nothing from the server may follow the close frame
      var reason = "relay".getBytes(StandardCharsets.US_ASCII);
      var frame = new byte[4 + reason.length];
      frame[0] = (byte) 0x88; // FIN, close
      frame[1] = (byte) (2 + reason.length); // a server's frames are not masked
      frame[2] = (byte) (code >> 8);
      frame[3] = (byte) code;
      System.arraycopy(reason, 0, frame, 4, reason.length);
      browser.getOutputStream().write(frame);
      browser.getOutputStream().flush();
      quietly(browser);
    }
  }

  public PageRelay(URI serverBase) throws IOException {
    target = serverBase.getPort();
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::accept);
  }

  /** The server's address, through the relay. */
  public String base() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/";
  }

  /** Closes every open WebSocket connection with {@code code}; returns how many there were. */
  public int closeWebSockets(int code) {
    var closed = 0;
    for (var connection : connections) {
      if (connection.webSocket && !connection.browser.isClosed()) {
        try {
          connection.closeWebSocket(code);
          closed++;
        } catch (IOException ended) {
          // it ended by itself meanwhile
        }
      }
    }
    return closed;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        var browser = listener.accept();
        var server = new Socket(InetAddress.getLoopbackAddress(), target);
        var connection = new Connection(browser, server);
        connections.add(connection);
        connection.start();
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private static void daemon(Runnable work) {
    var thread = new Thread(work, "page-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (var i = 0; i < prefix.length; i++) {
      if (buffer[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static void quietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that was asked
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (var connection : connections) {
      quietly(connection.browser);
      quietly(connection.server);
    }
  }
}
