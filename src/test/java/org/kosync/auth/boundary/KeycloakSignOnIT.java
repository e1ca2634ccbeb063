package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kosync.testing.Replies.assertError;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Browser;
import org.kosync.testing.Deployments;
import org.kosync.testing.KeycloakProcess;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderExtension;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;
import org.openqa.selenium.By;

/**
 * Single sign-on with a real identity provider: Keycloak ({@link KeycloakProcess}, realm {@code
 * kosync}) issues access tokens with {@code kosync} in their {@code aud}, and KOsync, which trusts
 * that realm (its keys found through discovery) for existing accounts only, takes them as Bearer
 * tokens on its API. {@code reader} has a KOsync account of that name, registered as KOReader
 * registers; {@code stranger} has none, and gets none.
 */
@KoreaderTest
class KeycloakSignOnIT {

  /** reader's KOsync account: its KOReader key is none of Keycloak's business. */
  static final User READER = new User("reader", KoreaderClient.md5("reader's KOReader password"));

  static final List<String> API = List.of("/api/documents.all", "/api/auth.jwt", "/api/ws");

  @Deployment(testable = false)
  static WebArchive deployment() {
    // DeploymentOrder calls this too: the first call starts the test JVM's one Keycloak
    var keycloak = KeycloakProcess.running();
    // above the server's system properties and environment: no KOSYNC_OIDC_* of the machine's
    // changes what is tested
    return Deployments.kosync(Map.of(
        "config_ordinal", "500",
        "kosync.oidc.issuer", keycloak.issuer(),
        "kosync.oidc.audience", KeycloakProcess.AUDIENCE,
        "kosync.oidc.create-users", "false",
        "kosync.oidc.client-id", KeycloakProcess.PAGE_CLIENT,
        "kosync.oidc.display-name", "Keycloak",
        "ENABLE_WEBSOCKET_API", "true"));
  }

  @BeforeAll
  static void onlyReaderHasAnAccount() throws Exception {
    // the test database outlives a run: a previous run's reader goes first
    try (var connection = TestDatabase.connect();
        var delete = connection.prepareStatement(
            "delete from accounts where username in ('reader', 'stranger')")) {
      delete.executeUpdate();
    }
    var registered = new KoreaderClient(KoreaderExtension.base()).register(READER);
    assertEquals(201, registered.status(), registered::toString);
  }

  @Test
  void readersProviderTokenOpensTheApi(KoreaderClient client) throws Exception {
    var token = KeycloakProcess.running().accessToken("reader", "reader-password");

    var all = withBearer(client, "/api/documents.all", token);
    assertEquals(200, all.status(), all::toString);
    assertTrue(all.contentType().startsWith("application/json"), all::toString);
    try (var reader = Json.createReader(new StringReader(all.body()))) {
      reader.readArray();
    }

    var jwt = withBearer(client, "/api/auth.jwt", token);
    assertEquals(200, jwt.status(), jwt::toString);
    assertTrue(jwt.contentType().startsWith("text/plain"), jwt::toString);
    var claims = payload(jwt.body());
    assertEquals("kosync", claims.getString("iss"), "KOsync's own token");
    assertEquals("reader", claims.getString("upn"));
    assertEquals(
        TestDatabase.queryString("select id from accounts where username = 'reader'")
            .orElseThrow(),
        claims.getString("sub"));
    assertEquals(200, withBearer(client, "/api/documents.all", jwt.body()).status());

    var ws = withBearer(client, "/api/ws", token);
    assertEquals(200, ws.status(), ws::toString);
    assertTrue(ws.contentType().startsWith("text/plain"), ws::toString);
    assertTrue(ws.body().startsWith(client.webSocket("/api/ws/")), ws.body());
  }

  @Test
  void aStrangersTokenIsRefusedAndMakesNoAccount(KoreaderClient client) throws Exception {
    var token = KeycloakProcess.running().accessToken("stranger", "stranger-password");
    for (var path : API) {
      assertError(withBearer(client, path, token), 401, 2001, "Unauthorized");
    }
    assertEquals(
        0, TestDatabase.count("select count(*) from accounts where username = 'stranger'"));
  }

  @Test
  void aTokenWithOneCharacterOfItsSignatureChangedIsRefused(KoreaderClient client) {
    var token = KeycloakProcess.running().accessToken("reader", "reader-password");
    assertEquals(
        200,
        withBearer(client, "/api/documents.all", token).status(),
        "the token as Keycloak issued it passes");
    // the signature's first character: all of its six bits are the signature's (some of the last
    // character's are padding, which a decoder may ignore)
    var signature = token.lastIndexOf('.') + 1;
    var altered = token.substring(0, signature)
        + (token.charAt(signature) == 'A' ? 'B' : 'A')
        + token.substring(signature + 1);
    for (var path : API) {
      assertError(withBearer(client, path, altered), 401, 2001, "Unauthorized");
    }
  }

  @Test
  void aPersonSignsInOnTheWebPageThroughKeycloak(KoreaderClient client) {
    var pushed =
        client.pushProgress(READER, "feedfacefeedfacefeedfacefeedface", "/body/p[9]", 0.3, "Kobo");
    assertEquals(200, pushed.status(), pushed::toString);
    try (var browser = Browser.open(Browser.DESKTOP)) {
      browser.go(KoreaderExtension.base().toString());
      var button = browser.await(PAGE_WAIT, d -> d.findElement(By.id("provider-signin")));
      assertEquals("Sign in with Keycloak", button.getText());
      button.click();
      // Keycloak's own login page, then back with a code the page exchanges (PKCE) for a token
      browser.type("#username", "reader");
      browser.type("#password", "reader-password");
      browser.find("#kc-login").click();
      browser.await(
          PAGE_WAIT, d -> !d.findElements(By.cssSelector("#books li[data-id]")).isEmpty());
      assertEquals(
          "feedfacefeedfacefeedfacefeedface",
          browser.find("#books li[data-id]").getDomAttribute("data-id"));
      assertFalse(
          browser.driver().getCurrentUrl().contains("code="), "the code leaves the address");
      browser.find("#nav-account").click();
      assertEquals(
          "reader",
          browser.await(PAGE_WAIT, d -> d.findElement(By.id("account-name"))).getText());
      browser.screenshot("account-through-keycloak");
    }
  }

  static final Duration PAGE_WAIT = Duration.ofSeconds(15);

  private static Reply withBearer(KoreaderClient client, String path, String token) {
    return client.send(
        client.request(path).header("Authorization", "Bearer " + token).GET());
  }

  private static JsonObject payload(String jwt) {
    var parts = jwt.split("\\.");
    assertEquals(3, parts.length, jwt);
    try (var reader = Json.createReader(new StringReader(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }
}
