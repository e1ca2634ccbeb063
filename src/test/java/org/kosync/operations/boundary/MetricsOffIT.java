package org.kosync.operations.boundary;

import static org.kosync.testing.Replies.assertJson;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderTest;

/** Metrics are not public by default: without {@code kosync.metrics.enabled} there is no such route. */
@KoreaderTest
class MetricsOffIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  @Test
  void withoutTheSettingMetricsAreNotFound(KoreaderClient client) {
    assertJson(
        client.send(client.request("/metrics").GET()),
        404,
        "{\"code\":404,\"message\":\"Not Found.\"}");
  }
}
