package org.kosync.page.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderExtension;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestIdentityProvider;

/**
 * How the page is served, seen over HTTP: a strict policy on the document, content-hashed files
 * cached for a year and revalidated by ETag, the API's JSON 404 everywhere else, and what the
 * sign-in page is told.
 */
@KoreaderTest
class PageResourceIT {

  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Pattern ASSET = Pattern.compile("page/([0-9a-f]{16})/app\\.js");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(KoreaderExtension.base().resolve(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }

  @Test
  void thePageIsServedAtTheRootWithAStrictPolicy() throws Exception {
    var page = get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertEquals(200, page.statusCode(), page::body);
    assertTrue(header(page, "Content-Type").startsWith("text/html"), page.headers()::toString);
    var policy = header(page, "Content-Security-Policy");
    assertTrue(policy.contains("default-src 'none'"), policy);
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertFalse(policy.contains("unsafe"), policy);
    assertEquals("nosniff", header(page, "X-Content-Type-Options"));
    assertEquals("DENY", header(page, "X-Frame-Options"));
    assertEquals("no-referrer", header(page, "Referrer-Policy"));
    assertTrue(header(page, "Cache-Control").contains("no-cache"), page.headers()::toString);
    assertFalse(
        Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page.body()).find(), "no inline script");
    assertFalse(
        page.body().contains("//cdn") || page.body().contains("https://"),
        "nothing from elsewhere");

    var again = get("/", "If-None-Match", header(page, "ETag"));
    assertEquals(304, again.statusCode());
  }

  @Test
  void itsFilesAreCachedUnderTheirContentHash() throws Exception {
    var page = get("/");
    var asset = ASSET.matcher(page.body());
    assertTrue(asset.find(), page::body);
    var script = get("/" + asset.group());
    assertEquals(200, script.statusCode());
    assertTrue(
        header(script, "Content-Type").startsWith("text/javascript"), script.headers()::toString);
    assertTrue(
        header(script, "Cache-Control").contains("max-age=31536000"), script.headers()::toString);
    assertEquals("nosniff", header(script, "X-Content-Type-Options"));
    assertEquals(
        304, get("/" + asset.group(), "If-None-Match", header(script, "ETag")).statusCode());

    var md5 = get("/page/" + asset.group(1) + "/md5.js");
    assertEquals(200, md5.statusCode());
    var stale = get("/page/0000000000000000/app.js");
    assertEquals(200, stale.statusCode(), "an older page still loads during an upgrade");
    assertTrue(header(stale, "Cache-Control").contains("no-cache"), stale.headers()::toString);
  }

  @Test
  void everyOtherPathIsStillTheApisJson404() throws Exception {
    for (var path : new String[] {
      "/page/x/nothing.js",
      "/page/x/../../WEB-INF/web.xml",
      "/index.html",
      "/api/nothing",
      "/users/nothing",
      "/page"
    }) {
      var reply = get(path);
      assertEquals(404, reply.statusCode(), path);
      assertTrue(header(reply, "Content-Type").startsWith("application/json"), path);
    }
  }

  @Test
  void theSignInPageLearnsWhatThisServerOffers(KoreaderClient client) throws Exception {
    var info = get("/api/server.info");
    assertEquals(200, info.statusCode(), info::body);
    var json = Json.createReader(new StringReader(info.body())).readObject();
    assertTrue(json.getBoolean("registration"));
    assertFalse(json.getBoolean("proxy_sign_in"));
    // a provider for tokens, but no client id for the page: no button
    assertTrue(json.isNull("provider"), info::body);

    var byProxy = get("/api/server.info", TestIdentityProvider.PROXY_HEADER, "someone");
    var proxied = Json.createReader(new StringReader(byProxy.body())).readObject();
    assertTrue(proxied.getBoolean("proxy_sign_in"), byProxy::body);
  }
}
