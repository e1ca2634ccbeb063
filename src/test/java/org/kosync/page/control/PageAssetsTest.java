package org.kosync.page.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PageAssetsTest {

  final PageAssets assets = new PageAssets();

  @Test
  void everyFileOfThePageIsServedAndNothingElse() throws IOException {
    Set<String> written;
    try (var files = Files.list(Path.of("src/main/resources/page"))) {
      written = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    written.remove("index.html"); // served at /, rendered per base path
    var served = PageAssets.FILES.keySet().stream()
        .filter(name -> !name.equals("md5.js"))
        .collect(Collectors.toSet());
    assertEquals(written, served);
    PageAssets.FILES.keySet().forEach(name -> assertTrue(assets.asset(name).isPresent(), name));
    assertFalse(assets.asset("../index.html").isPresent());
    assertFalse(assets.asset("WEB-INF").isPresent());
  }

  @Test
  void theMd5ComesFromItsWebJar() {
    var md5 = new String(assets.asset("md5.js").orElseThrow().bytes(), StandardCharsets.UTF_8);
    assertTrue(md5.contains("md5"), "js-md5's script");
    assertEquals(
        "text/javascript; charset=utf-8", assets.asset("md5.js").orElseThrow().type());
  }

  @Test
  void theIndexNamesTheVersionAndTheBasePath() {
    var html = new String(assets.index("/kosync/").bytes(), StandardCharsets.UTF_8);
    assertTrue(html.contains("<base href=\"/kosync/\">"), html);
    assertTrue(html.contains("page/" + assets.version() + "/app.js"), html);
    assertFalse(html.contains("{{"), html);
    assertTrue(html.contains("<script type=\"module\""), "no inline script: the CSP refuses them");
    assertFalse(html.matches("(?s).*<script>.*"), "no inline script");
    assertNotEquals(assets.index("/").etag(), assets.index("/kosync/").etag());
    assertTrue(new String(assets.index("/\"><x>").bytes(), StandardCharsets.UTF_8)
        .contains("<base href=\"/&quot;>&lt;x>\">"));
  }

  @Test
  void theVersionIsTheContentsHash() {
    assertEquals(new PageAssets().version(), assets.version());
    assertTrue(assets.version().matches("[0-9a-f]{16}"), assets.version());
    var app = assets.asset("app.js").orElseThrow();
    assertTrue(app.etag().matches("\"[0-9a-f]{64}\""), app.etag());
  }
}
