package org.kosync.page.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page's files, read once from the class path. Their version is a hash of all of them, so a URL
 * under {@code page/<version>/} names one content for ever and can be cached as immutable; the
 * modules import each other relatively, so they always load from one version together.
 */
@ApplicationScoped
public class PageAssets {

  /** What the browser loads, by the name it is served under, from where it is packed. */
  static final Map<String, String> FILES = files();

  // js-md5's WebJar (pom.xml): KOReader's key is the password's MD5, and Web Crypto has no MD5
  static final String MD5_WEBJAR = "META-INF/resources/webjars/js-md5/0.7.3/build/md5.min.js";

  public record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final String index;
  private final String version;

  public PageAssets() {
    var digest = sha256();
    FILES.forEach((name, resource) -> {
      var bytes = read(resource);
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      assets.put(name, new Asset(bytes, type(name), '"' + hex(sha256().digest(bytes)) + '"'));
    });
    version = hex(digest.digest()).substring(0, 16);
    index = new String(read("page/index.html"), StandardCharsets.UTF_8);
  }

  public String version() {
    return version;
  }

  public Optional<Asset> asset(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  /** index.html for a page served at {@code base} (the application's path, ending in /). */
  public Asset index(String base) {
    var html = index
        .replace("{{base}}", escaped(base))
        .replace("{{version}}", version)
        .getBytes(StandardCharsets.UTF_8);
    return new Asset(
        html,
        "text/html; charset=utf-8",
        '"' + version + '-' + hex(sha256().digest(html)).substring(0, 8) + '"');
  }

  private static Map<String, String> files() {
    var files = new LinkedHashMap<String, String>();
    for (var name : new String[] {
      "app.js",
      "api.js",
      "auth.js",
      "live.js",
      "dom.js",
      "format.js",
      "books.js",
      "book.js",
      "devices.js",
      "account.js",
      "signin.js",
      "style.css",
      "icon.svg"
    }) {
      files.put(name, "page/" + name);
    }
    files.put("md5.js", MD5_WEBJAR);
    return Map.copyOf(files);
  }

  static String type(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    throw new IllegalArgumentException("No media type known for " + name);
  }

  private static String escaped(String base) {
    return base.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static byte[] read(String resource) {
    try (var in = PageAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Not packed in the WAR: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
