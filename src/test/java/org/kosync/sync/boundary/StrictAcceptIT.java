package org.kosync.sync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;
import static org.kosync.testing.Replies.assertJson;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderTest;

/** kosync.accept.strict=true: the official server's Accept rules. */
@KoreaderTest
class StrictAcceptIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withChangedDefaults(); // kosync.accept.strict=true
  }

  @Test
  void enforcesTheVendorHeader(KoreaderClient client) {
    assertJson(client.send(client.request("/healthcheck").GET()), 200, "{\"state\":\"OK\"}");
    assertError(
        client.raw("GET", "/healthcheck", "", new byte[0]), 412, 100, "Accept header not set.");
    assertError(
        client.send(client.request("/healthcheck").setHeader("Accept", "*/*").GET()),
        412,
        101,
        "Invalid Accept header format.");
    assertError(
        client.send(client
            .request("/healthcheck")
            .setHeader("Accept", "application/json")
            .GET()),
        412,
        101,
        "Invalid Accept header format.");
    assertError(
        client.send(client
            .request("/healthcheck")
            .setHeader("Accept", "application/vnd.koreader.v2+json")
            .GET()),
        412,
        102,
        "Unsupported version specified in the Accept header.");
    var user = client.registered("strict");
    assertJson(client.get("/users/auth", user), 200, "{\"authorized\":\"OK\"}");
  }

  @Test
  void theWebPageIsServedToABrowsersAccept(KoreaderClient client) {
    var browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    var page = client.send(client.request("/").setHeader("Accept", browser).GET());
    assertEquals(200, page.status(), page::toString);
    assertTrue(page.contentType().startsWith("text/html"), page::toString);
    var file = client.send(client
        .request("/page/any/style.css")
        .setHeader("Accept", "text/css,*/*;q=0.1")
        .GET());
    assertEquals(200, file.status(), file::toString);
    // its API calls send KOReader's Accept (api.js), as strict mode asks
    assertError(
        client.send(
            client.request("/api/server.info").setHeader("Accept", browser).GET()),
        412,
        101,
        "Invalid Accept header format.");
  }

  @Test
  void healthProbesNeedNoVendorHeader(KoreaderClient client) {
    for (var path : new String[] {"/health", "/health/live", "/health/ready", "/health/started"}) {
      var reply = client.raw("GET", path, "", new byte[0]);
      assertEquals(200, reply.status(), () -> path + ": " + reply);
    }
  }
}
