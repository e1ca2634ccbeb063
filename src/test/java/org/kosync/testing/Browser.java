package org.kosync.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver ({@code it.chromium} and {@code
 * it.chromedriver}; .ci/run installs both): the real browser a reader opens the page in. Its
 * screenshots go to target/screenshots, which the Jenkinsfile archives.
 */
public final class Browser implements AutoCloseable {

  public static final Dimension DESKTOP = new Dimension(1280, 900);
  public static final Dimension PHONE = new Dimension(390, 844);

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser open(Dimension size) {
    var chromium = System.getProperty("it.chromium", "/usr/bin/chromium");
    var chromedriver = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    for (var program : new String[] {chromium, chromedriver}) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new IllegalStateException(program + " is missing: the web page's tests need Debian's "
            + "browser (apt-get install chromium chromium-driver; .ci/run does it), or "
            + "-Dit.chromium=… -Dit.chromedriver=…");
      }
    }
    try {
      var profile = Files.createTempDirectory("kosync-chromium");
      var options = new ChromeOptions();
      options.setBinary(chromium);
      // as root, without a GPU, on a machine that reaches no Google host
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--user-data-dir=" + profile,
          "--window-size=" + size.getWidth() + "," + size.getHeight());
      var service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(chromedriver))
          .usingAnyFreePort()
          .build();
      var driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(size);
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
    // a live page redraws a view when an announce arrives: an element found a moment ago may be
    // gone
    return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits for the element, then types into it what a person would. */
  public void type(String css, String text) {
    var field = await(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector(css)));
    field.clear();
    field.sendKeys(text);
  }

  /** Adds {@code header} to every request the page makes, as a reverse proxy in front would. */
  public void sendWithEveryRequest(String header, String value) {
    driver.executeCdpCommand("Network.enable", java.util.Map.of());
    driver.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        java.util.Map.of("headers", java.util.Map.of(header, value)));
  }

  /** As if the system were set to dark: {@code prefers-color-scheme: dark}. */
  public void dark() {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        java.util.Map.of(
            "features",
            List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
  }

  public Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * axe-core's scan of what is on screen (Deque's axe.min.js, as packed for Java): the violations
   * of impact serious or critical, as axe describes them.
   */
  public List<JsonObject> seriousViolations() {
    try (var axe = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      driver.executeScript(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var result = (String)
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));");
    try (var reader = Json.createReader(new StringReader(result))) {
      var value = reader.readValue();
      if (value instanceof JsonObject error) {
        throw new IllegalStateException("axe failed: " + error);
      }
      return value.asJsonArray().getValuesAs(JsonObject.class).stream()
          .filter(v -> List.of("serious", "critical").contains(v.getString("impact", "")))
          .toList();
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
