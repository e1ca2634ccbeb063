package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.Reply;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;

/**
 * Registrations are counted per client address (kosync.auth.limit.registrations-per-address,
 * three here): the next one from that address is 429 / 2008 and creates nothing, a forged
 * X-Forwarded-For from a peer that is no trusted proxy does not get around it, and another address
 * still registers.
 */
@KoreaderTest
class RegistrationBudgetIT {

  static final int BUDGET = 3;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync(
        Map.of("kosync.auth.limit.registrations-per-address", Integer.toString(BUDGET)));
  }

  @Test
  void anAddressPastItsBudgetRegistersNothing(KoreaderClient client) throws Exception {
    for (var i = 0; i < BUDGET; i++) {
      assertEquals(201, register(client, "127.0.0.3", User.fresh("budget"), "").status());
    }
    var refused = User.fresh("over");
    var reply = register(client, "127.0.0.3", refused, "X-Forwarded-For: 198.51.100.7\r\n");
    assertEquals(429, reply.status(), reply.body());
    assertTrue(reply.body().contains("\"code\":2008"), reply.body());
    assertEquals(
        0, TestDatabase.count("select count(*) from accounts where username = ?", refused.name()));
    assertEquals(201, register(client, "127.0.0.4", User.fresh("elsewhere"), "").status());
  }

  private static Reply register(KoreaderClient client, String from, User user, String headers) {
    var body = "{\"username\":\"" + user.name() + "\",\"password\":\"" + user.key() + "\"}";
    return client.raw(
        from,
        "POST",
        "/users/create",
        "Accept: " + KoreaderClient.KOREADER_ACCEPT + "\r\nContent-Type: application/json\r\n"
            + headers,
        body.getBytes(StandardCharsets.UTF_8));
  }
}
