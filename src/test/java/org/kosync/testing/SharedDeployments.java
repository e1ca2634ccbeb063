package org.kosync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Test classes that deploy the very same archive share one deployment: Arquillian deploys once per
 * class and undeploys after it, and Payara Micro's adapter starts a whole server for each deployment.
 * This extension keeps a managed deployment on the server when its class ends, and the next class
 * adopts it if its archive is byte for byte the same; otherwise the kept one is undeployed first.
 * {@link DeploymentOrder} runs the classes of one archive one after the other.
 *
 * <p>A class that deploys by hand ({@code managed = false}, with a {@code Deployer}) may adopt a kept
 * deployment, but its own undeployments are real. {@code -Dit.share.deployments=false} turns
 * sharing off (failsafe passes it on).
 */
public class SharedDeployments implements LoadableExtension {

  private static final Logger LOG = Logger.getLogger(SharedDeployments.class.getName());

  @Override
  public void register(ExtensionBuilder builder) {
    if (!"false".equals(System.getProperty("it.share.deployments"))) {
      builder.observer(Keeper.class);
    }
  }

  /** SHA-256 of the archive's name and of every path and content in it. */
  public static String fingerprint(Archive<?> archive) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(archive.getName().getBytes(StandardCharsets.UTF_8));
      var buffer = new byte[64 * 1024];
      for (var node : new TreeMap<>(archive.getContent()).entrySet()) {
        digest.update((byte) 0);
        digest.update(node.getKey().get().getBytes(StandardCharsets.UTF_8));
        var asset = node.getValue().getAsset();
        if (asset == null) {
          continue; // a directory
        }
        digest.update((byte) 1);
        try (InputStream in = asset.openStream()) {
          for (int read; (read = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, read);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Archive<?> archiveOf(Deployment deployment) {
    var description = deployment.getDescription();
    return description.getTestableArchive() != null
        ? description.getTestableArchive()
        : description.getArchive();
  }

  /** A deployment still on the server whose class has ended. */
  private record Kept(
      DeployableContainer<?> container,
      Archive<?> archive,
      String fingerprint,
      ProtocolMetaData metaData) {}

  private static final String PAYARA_DID_NOT_START =
      "No applications were found deployed to Payara Micro";

  /** Runs inside Arquillian's container and deployment contexts (precedence below their handlers'). */
  public static class Keeper {

    @Inject
    @DeploymentScoped
    private InstanceProducer<DeploymentDescription> description;

    @Inject
    @DeploymentScoped
    private InstanceProducer<Deployment> deployment;

    @Inject
    @DeploymentScoped
    private InstanceProducer<ProtocolMetaData> protocolMetaData;

    private Kept kept;

    public void deploy(@Observes(precedence = -100) EventContext<DeployDeployment> context)
        throws Exception {
      var event = context.getEvent();
      var next = event.getDeployment();
      if (kept != null) {
        if (kept.container() == event.getDeployableContainer()
            && next.getDescription().isArchiveDeployment()
            && kept.fingerprint().equals(fingerprint(archiveOf(next)))) {
          // what Arquillian's ContainerDeployController records after a deployment, without
          // deploying again
          description.set(next.getDescription());
          deployment.set(next);
          protocolMetaData.set(kept.metaData());
          next.deployed();
          LOG.info(() -> "Shares the deployed " + kept.archive().getName() + " ("
              + kept.fingerprint().substring(0, 12) + ")");
          kept = null;
          return;
        }
        undeployKept();
      }
      try {
        context.proceed();
      } catch (Exception failed) { // Arquillian rethrows the container's checked exception as it is
        if (!(failed instanceof DeploymentException)
            || failed.getMessage() == null
            || !failed.getMessage().contains(PAYARA_DID_NOT_START)) {
          throw failed;
        }
        // Payara Micro now and then dies while it starts (a ConcurrentModificationException in
        // HK2's startup services, "Failed to start, exiting"); a second start is a new process
        LOG.warning(
            () -> "Payara Micro did not start; starting it once more: " + failed.getMessage());
        retry(context, failed);
      }
    }

    /** Deploys again; this observer runs last before the deployment itself, so proceeding again repeats just that. */
    private static void retry(EventContext<DeployDeployment> context, Exception first)
        throws Exception {
      stopPayaraLeftBehind();
      try {
        context.proceed();
      } catch (Exception again) {
        stopPayaraLeftBehind();
        first.addSuppressed(again);
        throw first;
      }
    }

    /**
     * A Payara Micro that was merely slow to start (a loaded machine) is still running when the
     * adapter gives up on it, and would hold the port the next start needs.
     */
    private static void stopPayaraLeftBehind() {
      var marker = "-Dit.http.port=" + System.getProperty("it.http.port");
      ProcessHandle.allProcesses()
          .filter(process -> process
              .info()
              .commandLine()
              .filter(line -> line.contains("payara-micro") && line.contains(marker))
              .isPresent())
          .forEach(process -> {
            LOG.warning(() -> "Stopping Payara Micro " + process.pid() + ", left behind");
            process.destroyForcibly();
            process
                .onExit()
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .join();
          });
    }

    public void undeploy(@Observes(precedence = -100) EventContext<UnDeployDeployment> context) {
      var event = context.getEvent();
      var ending = event.getDeployment();
      if (ending.getDescription().managed()
          && ending.getDescription().isArchiveDeployment()
          && !ending.hasDeploymentError()) {
        var archive = archiveOf(ending);
        kept = new Kept(
            event.getDeployableContainer(), archive, fingerprint(archive), protocolMetaData.get());
        ending.undeployed();
        return;
      }
      context.proceed();
    }

    /** Before the server stops at the end of the suite: WildFly would deploy a leftover again at its next start. */
    public void stop(@Observes BeforeStop event) throws Exception {
      if (kept != null && kept.container() == event.getDeployableContainer()) {
        undeployKept();
      }
    }

    private void undeployKept() throws Exception {
      var leaving = kept;
      kept = null;
      leaving.container().undeploy(leaving.archive());
    }
  }
}
