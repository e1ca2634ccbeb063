package org.kosync.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Awaits;
import org.kosync.testing.DatabaseRelay;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.ServerLogs;

/**
 * The server reaches PostgreSQL through a relay the test can cut: an outage must be a 5xx with
 * code 1000 (KOReader keeps the push and retries it), never a 401 or 403, and service resumes.
 */
@KoreaderTest
class DatabaseOutageIT {

  static final String BOOK = "99999999999999999999999999999999";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  @Test
  void unreachableDatabaseIs502WithCode1000AndNothingIsLost(KoreaderClient client, User user)
      throws Exception {
    assertEquals(200, client.pushProgress(user, BOOK, "before", 0.4, "Kobo").status());
    var began = count("KOSYNC5001");
    var ended = count("KOSYNC5002");
    var relay = DatabaseRelay.get();
    relay.cut();
    try {
      var message = "Cannot connect to the database.";
      assertError(client.pushProgress(user, BOOK, "during", 0.5, "Kobo"), 502, 1000, message);
      assertError(client.get("/syncs/progress/" + BOOK, user), 502, 1000, message);
      assertError(client.register(User.fresh("outage")), 502, 1000, message);
      assertJson(client.send(client.request("/healthcheck").GET()), 200, "{\"state\":\"OK\"}");
    } finally {
      relay.restore();
    }
    var recovered = Awaits.success(
        () -> client.get("/syncs/progress/" + BOOK, user),
        java.time.Duration.ofSeconds(20),
        "service did not resume");
    assertEquals("before", recovered.json().getString("progress"));
    assertEquals(200, client.pushProgress(user, BOOK, "after", 0.6, "Kobo").status());
    assertEquals("after", client.get("/syncs/progress/" + BOOK, user).json().getString("progress"));
    // the outage is in the log once when it began and once when it ended, not once per request
    Thread.sleep(500);
    assertEquals(began + 1, count("KOSYNC5001"));
    assertEquals(ended + 1, count("KOSYNC5002"));
  }

  static long count(String messageId) {
    return ServerLogs.serverLog().lines().filter(l -> l.contains(messageId)).count();
  }
}
