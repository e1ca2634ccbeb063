package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderTest;

/** The signing key survives a restart of the application: tokens issued before it still verify. */
@KoreaderTest
@RunAsClient
class TokenPersistenceIT {

  static final String KOSYNC = "kosync";

  @Deployment(name = KOSYNC, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  @ArquillianResource
  Deployer deployer;

  @Test
  void tokensSurviveARedeployment(KoreaderClient client) {
    deployer.deploy(KOSYNC);
    String token;
    try {
      var reader = client.registered("restart");
      token = client.get("/api/auth.jwt", reader).body();
      assertEquals(
          200,
          client
              .send(client
                  .request("/users/auth")
                  .header("Authorization", "Bearer " + token)
                  .GET())
              .status());
    } finally {
      deployer.undeploy(KOSYNC);
    }
    deployer.deploy(KOSYNC);
    try {
      var after = client.send(client
          .request("/users/auth")
          .header("Authorization", "Bearer " + token)
          .GET());
      assertEquals(200, after.status(), after::toString);
    } finally {
      deployer.undeploy(KOSYNC);
    }
  }
}
