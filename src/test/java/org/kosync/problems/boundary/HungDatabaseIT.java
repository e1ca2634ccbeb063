package org.kosync.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Awaits;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.ThrowawayPostgres;

/**
 * A database that hangs instead of going away (finding 6 of the attack run: requests, /healthcheck
 * included, waited 30–45 s): the server's own PostgreSQL cluster is frozen with SIGSTOP. A
 * progress call must answer 502 / 1000 within KOReader's patience, /healthcheck at once, and
 * service resume when the database does.
 */
@KoreaderTest
class HungDatabaseIT {

  static final String BOOK = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
  // the target is 2 s (about 1 s measured); the bound leaves room for a loaded test machine
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
  static ThrowawayPostgres database;

  @Deployment(testable = false)
  static WebArchive deployment() {
    database = ThrowawayPostgres.shared();
    return Deployments.onThrowawayDatabase();
  }

  @Test
  void aFrozenDatabaseIs502WithCode1000WithinSecondsAndServiceResumes(
      KoreaderClient client, User user) {
    assertEquals(200, client.pushProgress(user, BOOK, "before", 0.4, "Kobo").status());
    database.freeze();
    try {
      var message = "Cannot connect to the database.";
      assertError(
          timed(() -> client.pushProgress(user, BOOK, "during", 0.5, "Kobo")), 502, 1000, message);
      assertError(timed(() -> client.get("/syncs/progress/" + BOOK, user)), 502, 1000, message);
      assertEquals(
          200, timed(() -> client.send(client.request("/healthcheck").GET())).status());
    } finally {
      database.thaw();
    }
    var recovered = Awaits.success(
        () -> client.get("/syncs/progress/" + BOOK, user),
        Duration.ofSeconds(20),
        "service did not resume after the database thawed");
    // A push that timed out may still have reached PostgreSQL whole, and it commits when the
    // database thaws: a timeout cannot tell, which is why the answer is one KOReader retries.
    var progress = recovered.json().getString("progress");
    assertTrue(Set.of("before", "during").contains(progress), progress);
    assertEquals(200, client.pushProgress(user, BOOK, "after", 0.6, "Kobo").status());
    assertEquals("after", client.get("/syncs/progress/" + BOOK, user).json().getString("progress"));
  }

  private static Reply timed(Supplier<Reply> call) {
    var started = System.nanoTime();
    var reply = call.get();
    var took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("HungDatabaseIT: answered %d in %d ms%n", reply.status(), took.toMillis());
    assertTrue(took.compareTo(ANSWER_WITHIN) <= 0, "answered after " + took);
    return reply;
  }
}
