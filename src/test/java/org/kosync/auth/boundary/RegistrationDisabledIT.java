package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kosync.testing.Replies.assertError;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.TestDatabase;

/** DISABLE_REGISTRATION=true, as in the official image. */
@KoreaderTest
class RegistrationDisabledIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync(Map.of("DISABLE_REGISTRATION", "true"));
  }

  @Test
  void refusesNewAccounts(KoreaderClient client) throws Exception {
    var user = User.fresh("closed");
    assertError(client.register(user), 402, 2005, "User registration is disabled.");
    assertEquals(
        0, TestDatabase.count("select count(*) from accounts where username = ?", user.name()));
  }
}
