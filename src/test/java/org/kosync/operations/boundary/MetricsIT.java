package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.PrometheusText;
import org.kosync.testing.SocketClient;

/**
 * {@code /metrics}: strict Prometheus text, the same names on both servers, served to this machine
 * and to the bearer secret only — and it moves when readers push, fail to log in, are rate-limited
 * and are announced to.
 */
@KoreaderTest
class MetricsIT {

  static final String PUSHES_200 =
      "kosync_http_requests_seconds_count{method=\"PUT\",route=\"/syncs/progress\",status=\"200\"}";
  static final String READS_200 =
      "kosync_http_requests_seconds_count{method=\"GET\",route=\"/syncs/progress/{document}\",status=\"200\"}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  User reader;

  @BeforeEach
  void connect(KoreaderClient client, User reader) {
    this.client = client;
    this.reader = reader;
  }

  PrometheusText scrape() {
    var reply = client.send(client.request("/metrics").GET());
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.contentType().startsWith("text/plain"), reply::toString);
    assertTrue(reply.contentType().contains("version=0.0.4"), reply::toString);
    return PrometheusText.parse(reply.body());
  }

  @Test
  void theScrapeIsPrometheusTextWithTheJvmAndTheCredentialCache() {
    var metrics = scrape();
    assertTrue(metrics.size() > 50, () -> metrics.size() + " samples");
    assertTrue(metrics.sum("jvm_memory_used_bytes{") > 0);
    assertTrue(metrics.has("jvm_threads_live_threads"));
    assertTrue(metrics.has("jvm_gc_pause_seconds_max")
        || metrics.has("jvm_gc_memory_allocated_bytes_total"));
    assertTrue(metrics.has("cache_gets_total{cache=\"credentials\",result=\"hit\"}"));
    assertTrue(metrics.has("kosync_websocket_sessions"));
  }

  @Test
  void aReaderWhoJustRegisteredOrChangedTheirPasswordSyncsWithoutASecondSlowHash() {
    var fresh = User.fresh("seeded");
    assertEquals(201, client.register(fresh).status());
    var afterRegistration = scrape().value("kosync_auth_hashes_total");
    assertEquals(
        200,
        client
            .pushProgress(fresh, "5eed5eed5eed5eed5eed5eed5eed5eed", "/p[1]", 0.1, "Kobo")
            .status());
    assertEquals(200, client.get("/users/auth", fresh).status());
    assertEquals(
        afterRegistration,
        scrape().value("kosync_auth_hashes_total"),
        "no hash: verified at registration");

    var renewed = new User(fresh.name(), KoreaderClient.md5("a new password"));
    var changed = client.put("/users/password", fresh, "{\"password\":\"" + renewed.key() + "\"}");
    assertEquals(200, changed.status(), changed::toString);
    var afterChange = scrape().value("kosync_auth_hashes_total");
    assertEquals(200, client.get("/users/auth", renewed).status());
    assertEquals(
        afterChange, scrape().value("kosync_auth_hashes_total"), "no hash: verified at the change");
    assertEquals(401, client.get("/users/auth", fresh).status(), "the old password is gone");
  }

  @Test
  void aPushAReadAFailedLoginAndA429MoveTheirCounters() {
    var before = scrape();
    var book = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
    assertEquals(200, client.pushProgress(reader, book, "/p[1]", 0.1, "Kobo").status());
    assertEquals(200, client.get("/syncs/progress/" + book, reader).status());
    var wrong = new User(reader.name(), KoreaderClient.md5("not the password"));
    var limited = false;
    for (var i = 0; i < 12 && !limited; i++) {
      limited = client.get("/users/auth", wrong).status() == 429;
    }
    assertTrue(limited, "the per-user budget ends in a 429");
    var after = scrape();
    assertEquals(before.value(PUSHES_200) + 1, after.value(PUSHES_200));
    assertEquals(before.value(READS_200) + 1, after.value(READS_200));
    assertTrue(after.value("kosync_progress_pushes_total")
        >= before.value("kosync_progress_pushes_total") + 1);
    assertTrue(after.value("kosync_progress_reads_total")
        >= before.value("kosync_progress_reads_total") + 1);
    assertTrue(after.value("kosync_auth_failures_total{kind=\"password\"}")
        >= before.value("kosync_auth_failures_total{kind=\"password\"}") + 10);
    assertTrue(after.value("kosync_rate_limited_total{kind=\"login\"}")
        >= before.value("kosync_rate_limited_total{kind=\"login\"}") + 1);
    assertTrue(after.value("kosync_db_statement_seconds_count{statement=\"push\"}") >= 1);
    // histogram buckets of the request timer, cumulative up to +Inf
    var inf =
        "kosync_http_requests_seconds_bucket{le=\"+Inf\",method=\"PUT\",route=\"/syncs/progress\",status=\"200\"}";
    assertEquals(after.value(PUSHES_200), after.value(inf));
  }

  @Test
  void anAnnounceIsCountedWithItsDelay() throws Exception {
    var before = scrape();
    try (var socket = SocketClient.open(client.get("/api/ws", reader).body())) {
      socket.next();
      socket.send("{\"type\":\"pubsub\",\"payload\":{\"topic\":\"user.documents\"}}");
      socket.next();
      var during = scrape();
      assertTrue(during.value("kosync_websocket_sessions") >= 1);
      client.pushProgress(reader, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "/p[2]", 0.2, "Kobo");
      socket.nextWithin(5);
    }
    var after = awaitValue(
        "kosync_websocket_announce_delay_seconds_count",
        before.value("kosync_websocket_announce_delay_seconds_count") + 1);
    assertTrue(after.value("kosync_websocket_announces_total")
        >= before.value("kosync_websocket_announces_total") + 1);
  }

  /** Counted after the frame is queued, which the client may see first: a moment's grace. */
  PrometheusText awaitValue(String key, double atLeast) throws InterruptedException {
    var metrics = scrape();
    for (var i = 0; i < 20 && metrics.value(key) < atLeast; i++) {
      Thread.sleep(100);
      metrics = scrape();
    }
    var last = metrics;
    assertTrue(last.value(key) >= atLeast, () -> key + " = " + last.value(key));
    return last;
  }

  @Test
  void anotherAddressNeedsTheBearerSecret() {
    var refused = client.raw("127.0.0.3", "GET", "/metrics", "", new byte[0]);
    assertError(refused, 401, 2001, "Unauthorized");
    var wrong =
        client.raw("127.0.0.3", "GET", "/metrics", "Authorization: Bearer guess\r\n", new byte[0]);
    assertError(wrong, 401, 2001, "Unauthorized");
    var allowed = client.raw(
        "127.0.0.3",
        "GET",
        "/metrics",
        "Authorization: Bearer " + Deployments.METRICS_TOKEN + "\r\n",
        new byte[0]);
    assertEquals(200, allowed.status(), allowed::toString);
    // read raw (Payara chunks it): the scrape itself, not an error page
    assertTrue(
        allowed.body().contains("# TYPE kosync_websocket_sessions gauge"), allowed::toString);
  }
}
