package org.kosync.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;

/** The signing key survives a restart of the application: tokens issued before it still verify. */
@ExtendWith(ArquillianExtension.class)
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
  void tokensSurviveARedeployment() {
    // no deployment yet, so no @ArquillianResource URL: the port is the one failsafe gives the server
    var client = new KoreaderClient(URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8080) + "/"));
    deployer.deploy(KOSYNC);
    String token;
    try {
      var reader = client.registered("restart");
      token = client.get("/api/auth.jwt", reader).body();
      assertEquals(200, client.send(client.request("/users/auth").header("Authorization", "Bearer " + token).GET()).status());
    } finally {
      deployer.undeploy(KOSYNC);
    }
    deployer.deploy(KOSYNC);
    try {
      var after = client.send(client.request("/users/auth").header("Authorization", "Bearer " + token).GET());
      assertEquals(200, after.status(), after::toString);
    } finally {
      deployer.undeploy(KOSYNC);
    }
  }
}
