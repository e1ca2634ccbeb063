package org.kosync.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's deployment section for this suite's server, performed literally by {@code
 * deploy/drill.sh} on a plain distribution from Maven Central: it ends with a KOReader position in
 * PostgreSQL and a server log without warnings, or fails. No Arquillian here: the script deploys
 * as an operator would. {@code -Dit.drill.skip} leaves it out.
 */
class DeploymentDrillIT {

  @Test
  void theReadmesStepsPutReadersPositionsInPostgresql() throws IOException, InterruptedException {
    assumeFalse(Boolean.getBoolean("it.drill.skip"), "it.drill.skip");
    var server = System.getProperty("it.drill.server");
    var log = Path.of("target", "drill", server + ".log");
    Files.createDirectories(log.getParent());
    var drill = new ProcessBuilder("bash", "deploy/drill.sh", server)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      // a plain Payara Server starts twice (start, then the README's restart) at ~30 s each here
      var ended = drill.waitFor(10, TimeUnit.MINUTES);
      System.out.print(Files.readString(log));
      assertEquals(true, ended, "the drill was still running after 10 minutes");
      assertEquals(0, drill.exitValue(), "deploy/drill.sh " + server + " failed: see " + log);
    } finally {
      // the script stops its server on every way out; SIGTERM lets it
      drill.destroy();
      if (!drill.waitFor(60, TimeUnit.SECONDS)) {
        drill.destroyForcibly();
      }
    }
  }
}
