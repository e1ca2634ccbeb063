package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertJson;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.DatabaseRelay;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;

/**
 * MicroProfile Health at /health… on the application's port, the same on both servers: every check
 * UP, and readiness following the database (cut and restored through the relay) while liveness and
 * startup stay UP and KOReader's /healthcheck keeps answering OK.
 */
@KoreaderTest
class HealthIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  @Test
  void everyCheckIsUpInMicroProfileHealthJson(KoreaderClient client) {
    assertChecks(probe(client, "/health"), 200, "UP", List.of("database", "schema", "timers"));
    assertChecks(probe(client, "/health/live"), 200, "UP", List.of("timers"));
    assertChecks(probe(client, "/health/ready"), 200, "UP", List.of("database", "schema"));
    assertChecks(probe(client, "/health/started"), 200, "UP", List.of("schema"));

    var ready = probe(client, "/health/ready").json();
    var database = check(ready, "database");
    assertEquals("postgresql", database.getJsonObject("data").getString("in-use"));
    var schema = check(ready, "schema").getJsonObject("data");
    assertEquals("applied at start", schema.getString("migrations"));
    assertEquals("validated", schema.getString("mapping"));
    var timers = check(probe(client, "/health/live").json(), "timers").getJsonObject("data");
    assertEquals(
        List.of("history-pruning.last-run", "session-sweep.last-run"),
        List.copyOf(timers.keySet()));
    timers.values().forEach(run -> Instant.parse(((JsonString) run).getString()));
  }

  @Test
  void readinessIsDownWhileTheDatabaseIsUnreachable(KoreaderClient client) throws Exception {
    var relay = DatabaseRelay.get();
    assertEquals(200, probe(client, "/health/ready").status());
    relay.cut();
    try {
      var down = await(client, "/health/ready", reply -> reply.status() == 503, 5);
      assertChecks(down, 503, "DOWN", List.of("database", "schema"));
      var database = check(down.json(), "database");
      assertEquals("DOWN", database.getString("status"));
      assertEquals("postgresql", database.getJsonObject("data").getString("in-use"));
      assertTrue(database.getJsonObject("data").getString("failure").startsWith("no answer"));
      assertEquals("UP", check(down.json(), "schema").getString("status"));
      assertChecks(probe(client, "/health/live"), 200, "UP", List.of("timers"));
      assertChecks(probe(client, "/health/started"), 200, "UP", List.of("schema"));
      assertEquals(503, probe(client, "/health").status());
      assertJson(client.send(client.request("/healthcheck").GET()), 200, "{\"state\":\"OK\"}");
    } finally {
      relay.restore();
    }
    var up = await(client, "/health/ready", reply -> reply.status() == 200, 10);
    assertChecks(up, 200, "UP", List.of("database", "schema"));
    assertEquals(200, probe(client, "/health").status());
    // and so is the service: the pool has replaced the connections the cut broke, which the test
    // classes after this one need too
    var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    var registered = client.register(User.fresh("health")).status();
    while (registered != 201 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      registered = client.register(User.fresh("health")).status();
    }
    assertEquals(201, registered, "service did not resume");
  }

  /** As a load balancer or Kubernetes asks: no KOReader headers. */
  private static Reply probe(KoreaderClient client, String path) {
    return client.send(client.request(path).setHeader("Accept", "*/*").GET());
  }

  private static void assertChecks(Reply reply, int status, String overall, List<String> names) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertTrue(
        reply.contentType().startsWith("application/json"), () -> "content type of " + reply);
    var json = reply.json();
    assertEquals(List.of("status", "checks"), List.copyOf(json.keySet()), reply::toString);
    assertEquals(overall, json.getString("status"));
    var checks = json.getJsonArray("checks").getValuesAs(JsonObject.class);
    assertEquals(names, checks.stream().map(c -> c.getString("name")).toList(), reply::toString);
    for (var check : checks) {
      assertTrue(List.of("UP", "DOWN").contains(check.getString("status")), check::toString);
      assertTrue(List.of("name", "status", "data").containsAll(check.keySet()), check::toString);
    }
  }

  private static JsonObject check(JsonObject report, String name) {
    return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Reply await(
      KoreaderClient client, String path, Predicate<Reply> wanted, int seconds)
      throws InterruptedException {
    var deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    var reply = probe(client, path);
    while (!wanted.test(reply) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      reply = probe(client, path);
    }
    var last = reply;
    assertTrue(wanted.test(last), () -> "after " + seconds + " s: " + last);
    return last;
  }
}
