package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kosync.testing.Replies.assertError;

import java.util.HashMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;
import org.kosync.testing.TestIdentityProvider;

/**
 * DISABLE_REGISTRATION=true, as in the official image and as an install behind single sign-on
 * sets it: KOReader's registration is closed, while provider sign-in, proxy sign-in and device
 * keys all still work.
 */
@KoreaderTest
class RegistrationDisabledIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    var settings = new HashMap<>(TestIdentityProvider.SETTINGS);
    settings.put("DISABLE_REGISTRATION", "true");
    return Deployments.kosync(settings);
  }

  @Test
  void refusesNewAccounts(KoreaderClient client) throws Exception {
    var user = User.fresh("closed");
    assertError(client.register(user), 402, 2005, "User registration is disabled.");
    assertEquals(
        0, TestDatabase.count("select count(*) from accounts where username = ?", user.name()));
  }

  @Test
  void singleSignOnAndDeviceKeysStillWork(KoreaderClient client) throws Exception {
    var name = User.fresh("sso").name();
    var token = TestIdentityProvider.running().token(name);
    var created = client.send(client
        .request("/api/devices")
        .header("Authorization", "Bearer " + token)
        .POST(KoreaderClient.body("{\"name\":\"Kindle\"}")));
    assertEquals(201, created.status(), created::toString);
    var kindle = new User(
        created.json().getString("username"),
        KoreaderClient.md5(created.json().getString("password")));
    assertEquals(200, client.get("/users/auth", kindle).status());
    var book = "12121212121212121212121212121212";
    assertEquals(200, client.pushProgress(kindle, book, "/p[3]", 0.3, "Kindle").status());
    assertEquals(
        "/p[3]", client.get("/syncs/progress/" + book, kindle).json().getString("progress"));
    var proxied = client.send(client
        .request("/api/documents.all")
        .header(TestIdentityProvider.PROXY_HEADER, name)
        .GET());
    assertEquals(200, proxied.status(), proxied::toString);
    var documents =
        jakarta.json.Json.createReader(new java.io.StringReader(proxied.body())).readArray();
    assertEquals(1, documents.size());
    assertEquals(book, documents.getJsonObject(0).getString("id"));
  }
}
