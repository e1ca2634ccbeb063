package org.kosync.sync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;

/**
 * Request bodies that arrive a few bytes at a time (finding 1 of the attack run: 32 of them held
 * every WildFly worker thread): ten times the worker count of a two-core WildFly hold none, a
 * reader syncs meanwhile, and each is answered 408 / 2009 at the body deadline
 * ({@value Deployments#BODY_DEADLINE} in this deployment) and its connection closed.
 */
@KoreaderTest
class SlowBodiesIT {

  static final int SLOW_BODIES = 320;
  static final String BOOK = "5105b0d1e5105b0d1e5105b0d1e5105b";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withChangedDefaults();
  }

  @Test
  void slowBodiesHoldNoWorkerAndAreRefusedAtTheDeadline(KoreaderClient client, User user)
      throws IOException {
    assertEquals(200, client.pushProgress(user, BOOK, "before", 0.2, "Kobo").status());
    List<Socket> slow = new ArrayList<>();
    try {
      for (var i = 0; i < SLOW_BODIES; i++) {
        slow.add(startSlowRegistration(client, i));
      }

      assertEquals(
          200, client.pushProgress(user, BOOK, "while slow", 0.3, "Kobo").status());
      assertEquals(
          "while slow", client.get("/syncs/progress/" + BOOK, user).json().getString("progress"));
      assertEquals(200, client.send(client.request("/healthcheck").GET()).status());
      // served while the slow bodies were still unanswered, not after the deadline freed anything
      assertEquals(0, answered(slow), "slow bodies answered before the reader was served");

      for (var socket : slow) {
        socket.setSoTimeout(15_000);
        var answer = oneResponse(socket);
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(
            answer.endsWith("{\"code\":2009,\"message\":\"Request body not received in time.\"}"),
            answer);
      }
    } finally {
      for (var socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aChunkedBodyIsReceivedWhole(KoreaderClient client) throws IOException {
    var user = User.fresh("chunked");
    var json = "{\"username\":\"" + user.name() + "\",\"password\":\"" + user.key() + "\"}";
    try (var socket = connect(client)) {
      var request = "POST /users/create HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + "Accept: " + KoreaderClient.KOREADER_ACCEPT + "\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + chunk(json.substring(0, 5)) + chunk(json.substring(5)) + "0\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
    }
    assertEquals(200, client.get("/users/auth", user).status());
  }

  private static Socket startSlowRegistration(KoreaderClient client, int i) throws IOException {
    var socket = connect(client);
    var head = "POST /users/create HTTP/1.1\r\nHost: localhost\r\n"
        + "Accept: " + KoreaderClient.KOREADER_ACCEPT + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        + "{\"username\":\"slow" + i + "\",";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return socket;
  }

  private static Socket connect(KoreaderClient client) throws IOException {
    var socket = new Socket();
    socket.connect(new InetSocketAddress(client.base().getHost(), client.base().getPort()), 5_000);
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static int answered(List<Socket> sockets) throws IOException {
    var answered = 0;
    for (var socket : sockets) {
      socket.setSoTimeout(1);
      try {
        socket.getInputStream().read(); // an answer, or the connection closed
        answered++;
      } catch (SocketTimeoutException stillWaiting) {
        // nothing yet
      }
    }
    return answered;
  }

  /**
   * The response, read by its Content-Length: WildFly closes the connection after it, Payara keeps
   * reading (and dropping) what the client still sends, on no worker thread.
   */
  private static String oneResponse(Socket socket) throws IOException {
    var in = socket.getInputStream();
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      var next = in.read();
      if (next < 0) {
        break;
      }
      head.append((char) next);
    }
    var length = head.toString()
        .lines()
        .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
        .map(line -> Integer.parseInt(line.substring(15).trim()))
        .findFirst()
        .orElse(0);
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String chunk(String text) {
    return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text
        + "\r\n";
  }
}
