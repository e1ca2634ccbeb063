package org.kosync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the server under test and the real PostgreSQL. {@link #cut()} makes the
 * database unreachable the way a network failure or a database restart does (open connections
 * break, new ones are refused); {@link #restore()} brings it back.
 */
public final class DatabaseRelay {

  private static DatabaseRelay instance;

  private final int listenPort;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  private DatabaseRelay(int listenPort, String targetHost, int targetPort) {
    this.listenPort = listenPort;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  static synchronized void startFromSystemProperties() throws IOException {
    if (instance == null && System.getProperty("it.db.relay.port") != null) {
      instance = new DatabaseRelay(
          Integer.getInteger("it.db.relay.port"),
          System.getProperty("it.db.host", "127.0.0.1"),
          Integer.getInteger("it.db.port", 5432));
      instance.restore();
    }
  }

  public static synchronized DatabaseRelay get() {
    if (instance == null) {
      throw new IllegalStateException(
          "The database relay runs only under failsafe (it.db.relay.port)");
    }
    return instance;
  }

  public synchronized void restore() throws IOException {
    if (listener != null) {
      return;
    }
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    listener = socket;
    var acceptor = new Thread(() -> accept(socket), "db-relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public synchronized void cut() throws IOException {
    if (listener != null) {
      listener.close();
      listener = null;
    }
    for (var socket : open) {
      socket.close();
    }
    open.clear();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        var client = socket.accept();
        var upstream = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // listener closed by cut(), or PostgreSQL refused: the client sees a broken connection
        // either way
      }
    }
  }

  private void pump(Socket from, Socket to) {
    var thread = new Thread(
        () -> {
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException e) {
            // one side went away
          } finally {
            close(from);
            close(to);
          }
        },
        "db-relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
