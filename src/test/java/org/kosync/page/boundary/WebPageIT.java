package org.kosync.page.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kosync.testing.Browser;
import org.kosync.testing.Deployments;
import org.kosync.testing.KoreaderClient;
import org.kosync.testing.KoreaderClient.User;
import org.kosync.testing.KoreaderTest;
import org.kosync.testing.PageRelay;
import org.kosync.testing.TestIdentityProvider;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The reader's web page in Debian's Chromium: a person signs in, finds their books, renames one,
 * sees a KOReader push arrive without reloading, keeps the page live when the server closes its
 * socket, hands an e-reader a sync key and takes it back, changes the password, deletes the
 * account — on a desktop and a phone-sized screen, with axe-core finding nothing serious. KOReader
 * is the test's HTTP client, as in every other test.
 */
@KoreaderTest
class WebPageIT {

  static final Duration SHORT = Duration.ofSeconds(10);
  static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withWebSockets();
  }

  KoreaderClient client;
  User reader;
  String name;
  Browser browser;

  @BeforeEach
  void register(KoreaderClient client) {
    this.client = client;
    name = "page-" + UUID.randomUUID().toString().substring(0, 8);
    reader = new User(name, KoreaderClient.md5(PASSWORD));
    var registered = client.register(reader);
    assertEquals(201, registered.status(), registered::toString);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  static String book() {
    return KoreaderClient.md5(UUID.randomUUID().toString());
  }

  void push(User user, String document, double percentage, String device) {
    var reply = client.pushProgress(
        user,
        document,
        "/body/DocFragment[3]/body/p[" + (int) (percentage * 100) + "]",
        percentage,
        device);
    assertEquals(200, reply.status(), reply::toString);
  }

  void signIn(String base) {
    browser.go(base);
    browser.type("#signin-username", name);
    browser.type("#signin-password", PASSWORD);
    browser.find("#signin-submit").click();
    browser.await(SHORT, d -> !d.findElements(By.cssSelector("#books")).isEmpty());
  }

  String message() {
    return browser.await(SHORT, d -> {
      var box = d.findElement(By.id("message"));
      return box.isDisplayed() && !box.getText().isBlank() ? box.getText() : null;
    });
  }

  List<String> listedIds() {
    return browser.all("#books li").stream()
        .map(li -> li.getDomAttribute("data-id"))
        .toList();
  }

  void noSeriousAccessibilityProblems(String view) {
    var violations = browser.seriousViolations();
    assertEquals(
        List.of(),
        violations.stream()
            .map(v -> v.getString("id") + ": " + v.getString("help"))
            .toList(),
        view);
  }

  JsonObject serverSideDocument(String document) {
    var all = client.get("/api/documents.all", reader);
    assertEquals(200, all.status(), all::toString);
    try (var json = Json.createReader(new StringReader(all.body()))) {
      return json.readArray().getValuesAs(JsonObject.class).stream()
          .filter(d -> d.getString("id").equals(document))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void aReaderSignsInFindsTheirBooksRenamesOneAndSeesAPushArriveLive() {
    var first = book();
    var second = book();
    push(reader, first, 0.25, "Kobo Libra 2");
    // with "Send document metadata" on, KOReader sends the book's title
    var withTitle = client.put(
        "/syncs/progress",
        reader,
        Json.createObjectBuilder()
            .add("document", second)
            .add("progress", "/body/DocFragment[7]/body/p[2]")
            .add("percentage", 0.5)
            .add("device", "Kindle")
            .add(
                "metadata",
                Json.createObjectBuilder()
                    .add("filename", "left-hand.epub")
                    .add("title", "The Left Hand of Darkness")
                    .add("authors", "Ursula K. Le Guin"))
            .build()
            .toString());
    assertEquals(200, withTitle.status(), withTitle::toString);
    browser = Browser.open(Browser.DESKTOP);

    browser.go(client.base().toString());
    browser.type("#signin-username", name);
    browser.type("#signin-password", "not the password");
    browser.find("#signin-submit").click();
    var refused = message();
    assertEquals("The username or password is wrong.", refused);

    browser.type("#signin-password", PASSWORD);
    browser.find("#signin-submit").click();
    browser.await(SHORT, d -> d.findElements(By.cssSelector("#books li")).size() == 2);
    assertEquals(
        List.of(first, second).stream().sorted().toList(),
        listedIds().stream().sorted().toList());
    var row = browser.find("#books li[data-id='" + second + "']");
    assertEquals("50 %", row.findElement(By.cssSelector(".percent")).getText());
    assertEquals("Kindle", row.findElement(By.cssSelector(".device")).getText());
    assertEquals(
        "The Left Hand of Darkness",
        row.findElement(By.cssSelector(".name")).getText(),
        "the title");
    var unnamed = browser.find("#books li[data-id='" + first + "'] .name").getText();
    assertTrue(
        unnamed.startsWith(first.substring(0, 8)) && unnamed.length() < 16, "the id, shortened");
    var time = row.findElement(By.cssSelector("time"));
    assertEquals("just now", time.getText());
    assertFalse(time.getDomAttribute("title").isBlank(), "the exact time on hover");
    browser.await(
        SHORT, d -> "live".equals(d.findElement(By.id("live")).getDomAttribute("data-state")));
    browser.screenshot("books");
    noSeriousAccessibilityProblems("books");

    // KOReader pushes: the book moves to the top with its new position, without a reload
    browser.script("window.notReloaded = true;");
    push(reader, first, 0.9, "Kobo Libra 2");
    browser.await(
        Duration.ofSeconds(2),
        d -> listedIds().get(0).equals(first)
            && d.findElement(By.cssSelector("#books li:first-child .percent"))
                .getText()
                .equals("90 %"));
    assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true;"));

    // the filter
    browser.type("#filter", second.substring(0, 10));
    browser.await(SHORT, d -> browser.all("#books li:not([hidden])").size() == 1);
    assertEquals("1 of 2 books", browser.find("#count").getText());
    browser.find("#filter").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    browser.await(SHORT, d -> browser.all("#books li:not([hidden])").size() == 2);

    // a book: its history, a new name, its id
    browser.find("#books li[data-id='" + first + "'] a").click();
    // the list carries no history (documents.all?history=0): the book's view reads it
    browser.await(
        SHORT,
        d -> !d.findElements(By.cssSelector("#history[data-loaded='true']")).isEmpty());
    assertEquals(2, browser.all("#history li").size(), "now, and the position before the push");
    assertEquals(first, browser.find("#book-id").getDomProperty("value"));
    browser.find("#copy-id").click();
    assertFalse(message().contains("{"));
    browser.type("#rename-input", "Moby-Dick; or, The Whale");
    browser.find("#rename-submit").click();
    browser.await(
        SHORT, d -> d.findElement(By.id("book-name")).getText().equals("Moby-Dick; or, The Whale"));
    assertEquals("Moby-Dick; or, The Whale", serverSideDocument(first).getString("pretty_name"));
    browser.screenshot("book");
    noSeriousAccessibilityProblems("book");

    // a name the API refuses: its reason, in words, and nothing changed
    browser.script("document.getElementById('rename-input').removeAttribute('maxlength');"
        + "document.getElementById('rename-input').value = 'x'.repeat(300);");
    browser.find("#rename-submit").click();
    var tooLong = browser.await(SHORT, d -> {
      var text = d.findElement(By.id("message")).getText();
      return text.contains("256") ? text : null;
    });
    assertFalse(tooLong.contains("{") || tooLong.contains("pretty_name"), tooLong);
    assertEquals("Moby-Dick; or, The Whale", serverSideDocument(first).getString("pretty_name"));

    // back in the list, under its new name; then sign out
    browser.find("#nav-books").click();
    browser.await(
        SHORT,
        d -> d.findElement(By.cssSelector("#books li:first-child .name"))
            .getText()
            .equals("Moby-Dick; or, The Whale"));
    browser.screenshot("books-named");
    browser.find("#signout").click();
    browser.await(SHORT, d -> !d.findElements(By.id("signin-form")).isEmpty());
    assertNull(browser.script("return sessionStorage.getItem('kosync.session');"));
    browser.screenshot("sign-in");
    noSeriousAccessibilityProblems("sign-in");
  }

  @Test
  void whenTheServerClosesTheSocketThePageSaysSoReconnectsAndCatchesUp() throws Exception {
    push(reader, book(), 0.1, "Kobo");
    try (var relay = new PageRelay(client.base())) {
      browser = Browser.open(Browser.DESKTOP);
      signIn(relay.base());
      browser.await(
          SHORT, d -> "live".equals(d.findElement(By.id("live")).getDomAttribute("data-state")));
      browser.script("window.states = [];"
          + "new MutationObserver(() => window.states.push(document.getElementById('live').dataset.state))"
          + ".observe(document.getElementById('live'), {attributes: true});");

      // the page may be between two sockets at this instant (Payara once closed its first one):
      // the relay closes the page's socket as soon as there is one
      browser.await(SHORT, d -> relay.closeWebSockets(1013) >= 1);
      // pushed while the page has no socket: its announce reaches nobody, the re-read finds it
      var missed = book();
      push(reader, missed, 0.33, "Kindle");

      browser.await(
          Duration.ofSeconds(15),
          d -> listedIds().contains(missed)
              && "live".equals(d.findElement(By.id("live")).getDomAttribute("data-state")));
      @SuppressWarnings("unchecked")
      var states = (List<String>) browser.script("return window.states;");
      assertTrue(states.contains("offline"), states::toString);
      assertEquals("live", states.get(states.size() - 1), states::toString);

      // and it is live again: the next push arrives by itself
      var next = book();
      push(reader, next, 0.5, "Kindle");
      browser.await(Duration.ofSeconds(2), d -> listedIds().get(0).equals(next));
    }
  }

  @Test
  void aSyncKeyIsMadeShownOnceUsedByKoreaderAndRevoked() {
    browser = Browser.open(Browser.DESKTOP);
    signIn(client.base().toString());
    browser.find("#nav-devices").click();
    browser.type("#device-name", "Kobo Clara");
    browser.find("#device-create").click();
    var username =
        browser.await(SHORT, d -> d.findElement(By.id("secret-username"))).getText();
    var password = browser.find("#secret-password").getText();
    assertEquals(
        client.base().toString().replaceAll("/$", ""),
        browser.find("#secret-server").getText());
    assertTrue(username.startsWith(name + ":"), username);
    browser.await(
        SHORT, d -> d.findElements(By.cssSelector("#devices li[data-id]")).size() == 1);
    browser.screenshot("devices");
    noSeriousAccessibilityProblems("devices");

    // KOReader logs in with what the page showed, and syncs
    var device = new User(username, KoreaderClient.md5(password));
    assertEquals(200, client.get("/users/auth", device).status());
    var document = book();
    push(device, document, 0.42, "Kobo Clara");
    browser.find("#nav-books").click();
    browser.await(SHORT, d -> listedIds().contains(document));

    browser.find("#nav-devices").click();
    browser.await(
        SHORT,
        d -> !d.findElements(By.cssSelector("#devices li[data-id] .used")).isEmpty());
    browser.find("#devices li[data-id] button.revoke").click();
    browser.await(SHORT, d -> d.findElement(By.id("confirm")).isDisplayed());
    browser.find("#confirm-yes").click();
    browser.await(
        SHORT, d -> d.findElements(By.cssSelector("#devices li[data-id]")).isEmpty());
    assertEquals(401, client.get("/users/auth", device).status());
  }

  @Test
  void aPasswordIsChangedWithTheCurrentOneAndTheAccountDeletedAfterConfirmation() {
    browser = Browser.open(Browser.DESKTOP);
    signIn(client.base().toString());
    browser.find("#nav-account").click();
    browser.type("#current-password", "not it");
    browser.type("#new-password", "a new password");
    browser.type("#repeat-password", "a new password");
    browser.find("#password-submit").click();
    assertEquals("The current password is wrong.", message());
    assertEquals(200, client.get("/users/auth", reader).status(), "unchanged");

    browser.type("#current-password", PASSWORD);
    browser.type("#new-password", "a new password");
    browser.type("#repeat-password", "a new password");
    browser.find("#password-submit").click();
    browser.await(
        SHORT, d -> d.findElement(By.id("message")).getText().startsWith("Password changed"));
    assertEquals(401, client.get("/users/auth", reader).status());
    var renewed = new User(name, KoreaderClient.md5("a new password"));
    assertEquals(200, client.get("/users/auth", renewed).status());
    browser.screenshot("account");
    noSeriousAccessibilityProblems("account");

    browser.type("#delete-confirm-name", name);
    browser.find("#delete-account").click();
    browser.await(SHORT, d -> d.findElement(By.id("confirm")).isDisplayed());
    browser.find("#confirm-no").click();
    assertEquals(200, client.get("/users/auth", renewed).status(), "cancelled: still there");
    browser.find("#delete-account").click();
    browser.await(SHORT, d -> d.findElement(By.id("confirm")).isDisplayed());
    browser.find("#confirm-yes").click();
    browser.await(SHORT, d -> !d.findElements(By.id("signin-form")).isEmpty());
    assertEquals("Your account is deleted.", message());
    assertEquals(401, client.get("/users/auth", renewed).status());
  }

  @Test
  void behindATrustedProxyThatNamesThePersonThePageSignsInByItself() {
    var pushed = client.pushProgress(reader, book(), "/body/p[3]", 0.03, "Kobo");
    assertEquals(200, pushed.status(), pushed::toString);
    browser = Browser.open(Browser.DESKTOP);
    // the test's 127.0.0.1 is the trusted proxy of this deployment (TestIdentityProvider.SETTINGS)
    browser.sendWithEveryRequest(TestIdentityProvider.PROXY_HEADER, name);
    browser.go(client.base().toString());
    browser.await(SHORT, d -> d.findElements(By.cssSelector("#books li")).size() == 1);
    assertTrue(browser.all("#signin-form").isEmpty());
    browser.find("#nav-account").click();
    assertEquals(
        name, browser.await(SHORT, d -> d.findElement(By.id("account-name"))).getText());
    assertTrue(browser.find("#main").getText().contains("organisation's sign-on"));
  }

  @Test
  void aNewReaderCreatesTheirAccountOnThePage() {
    browser = Browser.open(Browser.DESKTOP);
    browser.go(client.base().toString());
    var newcomer = "new-" + UUID.randomUUID().toString().substring(0, 8);
    browser.type("#register-username", newcomer);
    browser.type("#register-password", "my first password");
    browser.type("#register-repeat", "my first password");
    browser.find("#register-submit").click();
    browser.await(SHORT, d -> d.findElement(By.cssSelector("#main .empty")).isDisplayed());
    assertEquals("0 books", browser.find("#count").getText());
    // KOReader logs in with the same username and password
    var koreader = new User(newcomer, KoreaderClient.md5("my first password"));
    assertEquals(200, client.get("/users/auth", koreader).status());

    browser.find("#signout").click();
    browser.type("#register-username", newcomer);
    browser.type("#register-password", "another");
    browser.type("#register-repeat", "another");
    browser.find("#register-submit").click();
    assertEquals("That username is taken. Choose another one.", message());
  }

  @Test
  void onAPhoneSizedScreenNothingSpillsSideways() {
    push(reader, book(), 0.12, "Kobo Libra 2");
    push(reader, book(), 0.87, "PocketBook Era");
    browser = Browser.open(Browser.PHONE);
    signIn(client.base().toString());
    browser.await(SHORT, d -> d.findElements(By.cssSelector("#books li")).size() == 2);
    assertEquals(
        Boolean.TRUE,
        browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"));
    assertTrue(browser.find("#nav-devices").isDisplayed());
    browser.screenshot("books-phone");
    noSeriousAccessibilityProblems("books on a phone");

    // dark, as the system says: its own colours, with contrast axe accepts
    var light = browser.script("return getComputedStyle(document.body).backgroundColor;");
    browser.dark();
    assertFalse(
        light.equals(browser.script("return getComputedStyle(document.body).backgroundColor;")));
    browser.screenshot("books-phone-dark");
    noSeriousAccessibilityProblems("books on a phone, dark");
  }

  @Test
  void twoThousandBooksListAndFilterQuickly() throws Exception {
    var many = new User(name, reader.key());
    var ids = new java.util.ArrayList<String>();
    // one push first: the rest find the credential verified, not eight slow hashes at once
    push(many, book(), 0.01, "Kobo");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var pushes = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (var i = 0; i < 2000; i++) {
        var document = book();
        ids.add(document);
        var percentage = (i % 100) / 100.0;
        pushes.add(pool.submit(() -> push(many, document, percentage, "Kobo")));
      }
      for (var push : pushes) {
        push.get();
      }
    } finally {
      pool.shutdown();
    }
    browser = Browser.open(Browser.DESKTOP);
    signIn(client.base().toString());
    // the 2,000 and the first push
    var listed = "return document.querySelectorAll('#books li').length;";
    try {
      browser.await(
          Duration.ofSeconds(30), d -> ((Number) browser.script(listed)).intValue() == 2001);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "listed " + browser.script(listed) + ", message: "
              + browser.find("#message").getText(),
          e);
    }
    var rendered = (Number) browser.script(
        "return performance.getEntriesByName('kosync:books-rendered').at(-1).duration;");
    var filtered = (Number) browser.script(
        "const input = document.getElementById('filter'); const started = performance.now();"
            + "input.value = arguments[0]; input.dispatchEvent(new Event('input'));"
            + "return performance.now() - started;",
        ids.get(1234));
    assertEquals(1, browser.all("#books li:not([hidden])").size());
    // a figure for the closing note, not a timed assertion (bench/ measures speed)
    System.out.printf(
        "2,000 books: list built in %.1f ms, filtered in %.1f ms%n",
        rendered.doubleValue(), filtered.doubleValue());
  }
}
