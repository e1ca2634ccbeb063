package org.kosync.auth.control;

import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where {@link ProviderKeys} reads the identity provider's JWKS: {@code kosync.oidc.jwks} as an
 * {@code http(s)://} URL or a file path, or, unset, the {@code jwks_uri} of the provider's
 * discovery document ({@code <issuer>/.well-known/openid-configuration}). Reads are bounded in
 * time and size: they happen while a request waits.
 */
final class JwksLocation {

  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_BYTES = 1 << 20;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  private JwksLocation() {}

  static ProviderKeys.Source of(Optional<String> jwks, String issuer) {
    return jwks.map(JwksLocation::configured).orElseGet(() -> discovered(issuer));
  }

  private static ProviderKeys.Source configured(String location) {
    if (location.startsWith("https://") || location.startsWith("http://")) {
      var uri = URI.create(location);
      return source(() -> get(uri), location);
    }
    var file = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
    return source(() -> Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  private static ProviderKeys.Source discovered(String issuer) {
    var discovery = discoveryOf(issuer);
    return source(
        () -> {
          try (var reader =
              JsonProvider.provider().createReader(new StringReader(get(discovery)))) {
            var jwksUri = reader.readObject().get("jwks_uri");
            if (!(jwksUri instanceof JsonString uri)) {
              throw new IOException("The discovery document names no jwks_uri");
            }
            return get(URI.create(uri.getString()));
          } catch (RuntimeException e) {
            throw new IOException("Unreadable discovery document " + discovery, e);
          }
        },
        discovery.toString());
  }

  static URI discoveryOf(String issuer) {
    return URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
  }

  static String get(URI uri) throws IOException {
    var request = HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
    try {
      var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (var body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        var bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new IOException("More than " + MAX_BYTES + " bytes from " + uri);
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading " + uri, e);
    }
  }

  private interface Read {
    String read() throws IOException;
  }

  private static ProviderKeys.Source source(Read read, String description) {
    return new ProviderKeys.Source() {
      @Override
      public String read() throws IOException {
        return read.read();
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }
}
