package org.kosync.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the web page needs to sign a person in at the identity provider: the OIDC authorization
 * code flow with PKCE, as the public client {@code kosync.oidc.client-id} (unset: no such sign-in). The endpoints come from
 * the provider's discovery document, read on first use and again after {@code
 * kosync.oidc.jwks.max-age}; a provider that cannot be read is retried at most once per {@code
 * kosync.oidc.jwks.refresh-limit}, and meanwhile the page offers no provider button.
 */
@ApplicationScoped
public class ProviderSignIn {

  private static final System.Logger LOG = System.getLogger(ProviderSignIn.class.getName());

  /** The page's view of the provider. */
  public record Endpoints(
      String name, String clientId, String scope, URI authorization, URI token) {}

  private record Read(Optional<Endpoints> endpoints, Instant at) {}

  @Inject
  ProviderSettings settings;

  Clock clock = Clock.systemUTC();

  private final AtomicReference<Read> last = new AtomicReference<>();

  public Optional<Endpoints> endpoints() {
    var issuer = settings.issuer();
    if (issuer.isEmpty() || client().isEmpty()) {
      return Optional.empty();
    }
    var now = clock.instant();
    var read = last.get();
    if (read != null) {
      var keep = read.endpoints().isPresent() ? settings.maxAge() : settings.refreshLimit();
      if (read.at().plus(keep).isAfter(now)) {
        return read.endpoints();
      }
    }
    // one log line per outage, not one per retry
    var fresh = new Read(discover(issuer.get(), read == null || read.endpoints().isPresent()), now);
    last.set(fresh);
    return fresh.endpoints();
  }

  /**
   * Where the page may connect for sign-in, without reading anything: the issuer's origin, and the
   * token endpoint's once discovery has named it (usually the same origin).
   */
  public List<URI> origins() {
    if (settings.issuer().isEmpty() || client().isEmpty()) {
      return List.of();
    }
    var origins = new ArrayList<URI>();
    origins.add(URI.create(settings.issuer().get()));
    Optional.ofNullable(last.get())
        .flatMap(Read::endpoints)
        .ifPresent(known -> origins.add(known.token()));
    return origins;
  }

  private Optional<String> client() {
    return settings.pageClientId();
  }

  private Optional<Endpoints> discover(String issuer, boolean logFailure) {
    var discovery = JwksLocation.discoveryOf(issuer);
    try (var reader =
        JsonProvider.provider().createReader(new StringReader(JwksLocation.get(discovery)))) {
      var document = reader.readObject();
      return Optional.of(new Endpoints(
          settings.displayName().orElseGet(() -> URI.create(issuer).getHost()),
          client().orElseThrow(),
          settings.scope(),
          https(document, "authorization_endpoint"),
          https(document, "token_endpoint")));
    } catch (IOException | RuntimeException e) {
      if (!logFailure) {
        return Optional.empty();
      }
      LOG.log(
          Level.WARNING,
          "KOSYNC1104: The identity provider''s discovery document {0} could not be read, so the "
              + "web page offers no provider sign-in for now: {1}",
          discovery,
          e.toString());
      return Optional.empty();
    }
  }

  private static URI https(JsonObject document, String field) throws IOException {
    if (!(document.get(field) instanceof JsonString value)) {
      throw new IOException("The discovery document names no " + field);
    }
    var uri = URI.create(value.getString());
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IOException(field + " is not an http(s) URL: " + uri);
    }
    return uri;
  }
}
