package org.kosync.sessions.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.net.URI;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kosync.documents.boundary.Documents;
import org.kosync.documents.entity.DocumentRenamed;
import org.kosync.sessions.control.SessionRegistry;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.SentSecrets;
import org.kosync.testing.SocketClient;
import org.kosync.testing.TestDatabase;

/** In the server: a rolled-back change announces nothing, and the registry empties when clients leave. */
@ExtendWith(ArquillianExtension.class)
class SessionRegistryIT {

  static final String BOOK = "12121212121212121212121212121212";

  @Deployment
  static WebArchive deployment() {
    return Deployments.kosync(Map.of("ENABLE_WEBSOCKET_API", "true"))
        .addClasses(
            KoreaderClient.class,
            KoreaderClient.Reply.class,
            KoreaderClient.User.class,
            SentSecrets.class,
            SocketClient.class,
            SocketClient.Closed.class,
            TestDatabase.class);
  }

  @Inject
  Documents documents;

  @Inject
  SessionRegistry registry;

  @Resource
  UserTransaction transaction;

  // runs inside the server, which is given the same it.* properties as the test JVM
  final KoreaderClient client = new KoreaderClient(
      URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8080) + "/"));

  @Test
  void aRolledBackChangeIsNeverAnnounced() throws Exception {
    var reader = client.registered("rollback");
    client.pushProgress(reader, BOOK, "/p[1]", 0.1, "Kobo");
    var accountId = accountIdOf(reader);
    try (var socket = SocketClient.open(client.get("/api/ws", reader).body())) {
      socket.next();
      socket.send("{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}");
      socket.next();
      transaction.begin();
      documents.rename(accountId, new DocumentRenamed(BOOK, "never committed"));
      transaction.rollback();
      documents.rename(accountId, new DocumentRenamed(BOOK, "committed"));
      var announce = socket.next();
      assertTrue(announce.contains("\"pretty_name\":\"committed\""), announce);
      assertTrue(!announce.contains("never committed"), announce);
    }
  }

  @Test
  void theRegistryIsEmptyAfterAllClientsLeave() throws Exception {
    var reader = client.registered("leaving");
    try (var one = SocketClient.open(client.get("/api/ws", reader).body());
        var two = SocketClient.open(client.get("/api/ws", reader).body())) {
      one.next();
      two.next();
      assertEquals(2, registry.openSessions());
    }
    var deadline = System.nanoTime() + 5_000_000_000L;
    while (registry.openSessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, registry.openSessions());
  }

  private long accountIdOf(KoreaderClient.User reader) throws Exception {
    return Long.parseLong(
        TestDatabase.queryString("select id from accounts where username = ?", reader.name())
            .orElseThrow());
  }
}
