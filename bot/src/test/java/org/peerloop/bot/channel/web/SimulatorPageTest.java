package org.peerloop.bot.channel.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peerloop.bot.contact.ContactStore;
import org.peerloop.bot.outbox.Attachment;
import org.peerloop.bot.outbox.Attachments;
import org.peerloop.bot.outbox.OutboundMessage;
import org.peerloop.bot.outbox.Outbox;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.outbox.Recipient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The simulator page end to end: the real app, the real page in headless Chromium (Debian's
 * chromium and chromium-driver, never a downloaded one), a newcomer going from picking a name to
 * the end of a check-in by typing and tapping as a person would.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.contacts.self-enrolling=web"})
class SimulatorPageTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final By LIVE_BUTTONS = By.cssSelector("#messages button.reply:not([disabled])");
  private static final By BUBBLES = By.cssSelector("#messages [data-testid=bubble]");

  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired Attachments attachments;
  @Autowired ContactStore contacts;

  private Path profile;
  private ChromeDriverService service;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeAll
  static void browserIsInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String missing =
        "no /usr/bin/chromium or /usr/bin/chromedriver: apt-get install chromium chromium-driver";
    if ("true".equals(System.getenv("CI"))) {
      fail("CI must install the browser (.ci/run does): " + missing);
    }
    Assumptions.assumeTrue(false, missing);
  }

  @BeforeEach
  void openBrowser() throws IOException {
    // Name the driver explicitly so Selenium Manager is never asked to find or fetch one.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("peerloop-chromium-");
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
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
        "--window-size=390,844", // a phone: the layout must hold there
        "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50));
  }

  @AfterEach
  void closeBrowser() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (service != null) {
        service.stop();
      }
      deleteTree(profile);
    }
  }

  @Test
  void aNewcomerConsentsAndCompletesACheckIn() {
    String name = "e2e-" + Long.toString(System.nanoTime(), 36);
    open();
    recordPosts();

    type("name-input", name + Keys.ENTER);
    await("the chat opens", d -> visible("chat") && !visible("setup"));
    assertThat(byId("who-name").getText()).isEqualTo(name);

    // The first message gets the consent question; its buttons are real buttons.
    type("message-input", "hi" + Keys.ENTER);
    awaitUserBubble("hi");
    List<WebElement> consent = awaitLiveButtons();
    assertThat(labels(consent)).contains("Yes");
    tap(consent, "Yes");
    awaitUserBubble("Yes"); // a tap shows as what the person saw
    await("the bot's reply to the consent", d -> lastBubbleFrom("bot") && live().isEmpty());

    // Send with the button this time.
    byId("message-input").sendKeys("/checkin");
    byId("send").click();
    awaitUserBubble("/checkin");

    // Answer whatever the bot asks, read from its buttons, until there is nothing left to answer.
    Set<String> kinds = new LinkedHashSet<>();
    String freeText = "We met the district office; next is the budget.";
    for (int question = 0; question < 8 && !kinds.contains("text"); question++) {
      List<WebElement> buttons = awaitLiveButtons();
      List<WebElement> answers =
          buttons.stream().filter(b -> !b.getDomAttribute("data-payload").contains(":!")).toList();
      int before = userBubbles().size();
      if (answers.isEmpty()) {
        kinds.add("text"); // only controls such as Skip: a free-text question
        type("message-input", freeText + Keys.ENTER);
        awaitUserBubble(freeText);
        continue;
      }
      WebElement choice;
      if (answers.size() > 2 && labels(answers).stream().allMatch(l -> l.matches("\\d+"))) {
        kinds.add("rating");
        assertKeyboardFitsTheScreen(answers);
        choice = answers.get(Math.min(2, answers.size() - 1)); // low: the flow asks what held us
      } else if (answers.size() == 2) {
        kinds.add("yes-no");
        choice = answers.get(0);
      } else {
        kinds.add("choice");
        choice = answers.get(0);
      }
      String label = choice.getText();
      choice.click();
      await(
          "the tap on '" + label + "' shows as the person's message",
          d -> userBubbles().size() > before && lastUserText().equals(label));
    }
    assertThat(kinds).containsExactly("rating", "choice", "yes-no", "text");

    // The bot closes the check-in, and nothing is left to tap.
    await(
        "the bot's closing message",
        d -> lastBubbleFrom("bot") && lastBubble().getText().contains("See you next week"));
    assertThat(live()).as("buttons still waiting for an answer").isEmpty();
    assertThat(byId("error").isDisplayed()).isFalse();
    assertThat(byId("status").isDisplayed()).as("reconnecting shown").isFalse();

    // Every bubble is shown once, in order (the transcript comes only from the API's seq).
    List<Long> seqs = seqs();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
    // Every POST carried its own id, so that a retried one is handled once.
    List<?> ids = (List<?>) js("return window.__posts.map(p => p.id);");
    assertThat(ids).hasSizeGreaterThanOrEqualTo(7).doesNotHaveDuplicates().doesNotContainNull();

    // The name is remembered: a reload picks up the same person and the whole transcript.
    int shown = bubbles().size();
    driver.navigate().refresh();
    await("the chat comes back after a reload", d -> visible("chat"));
    assertThat(byId("who-name").getText()).isEqualTo(name);
    await("the transcript comes back", d -> bubbles().size() == shown);
    assertThat(seqs()).isEqualTo(seqs);

    // "Switch person" forgets the name.
    byId("switch").click();
    await("the name picker", d -> visible("setup") && !visible("chat"));
    assertThat(js("return localStorage.getItem('peerloop.sim.user');")).isNull();
  }

  @Test
  void refusedInputIsShownToThePerson() {
    open();

    // A name the API would refuse with 400 is refused by the page, with a hint.
    type("name-input", "Amina K" + Keys.ENTER);
    await("the name hint", d -> visible("name-error"));
    assertThat(byId("name-error").getText()).contains("lowercase").contains("amina-k");
    assertThat(visible("chat")).isFalse();

    WebElement input = byId("name-input");
    input.clear();
    input.sendKeys("refused-" + Long.toString(System.nanoTime(), 36) + Keys.ENTER);
    await("the chat opens", d -> visible("chat"));

    // A message the server answers 400 to: the person sees why, and keeps what they wrote.
    js(
        "const box = document.getElementById('message-input');"
            + "box.value = 'x'.repeat(5000); box.dispatchEvent(new Event('input'));");
    byId("send").click();
    await("the server's error", d -> visible("error"));
    assertThat(byId("error-text").getText()).contains("4096");
    assertThat(byId("message-input").getDomProperty("value")).hasSize(5000);
    assertThat(bubbles()).isEmpty();

    // Once something acceptable is sent, the error goes away.
    WebElement box = byId("message-input");
    box.clear();
    box.sendKeys("hello" + Keys.ENTER);
    awaitUserBubble("hello");
    await("the error clears", d -> !visible("error"));
  }

  @Test
  void aFileTheBotSendsIsADownloadLink() throws Exception {
    String name = "file-" + Long.toString(System.nanoTime(), 36);
    open();
    type("name-input", name + Keys.ENTER);
    await("the chat opens", d -> visible("chat"));

    // What /mydata will do: a message through the outbox that carries a stored file.
    String contact = "web:" + name;
    contacts.create("web", name, "en", Instant.now());
    Attachment file =
        attachments.put(contact, "my-data.json", "application/json", "{}".getBytes(UTF_8));
    outbox.send(
        List.of(
            new OutboundMessage(
                "page-file-" + name,
                new Recipient(contact, "web", name),
                "Everything we keep about you",
                List.of(),
                Priority.INTERACTIVE,
                null,
                Instant.now(),
                file)));

    WebElement link =
        await(
            "the download link",
            d -> {
              List<WebElement> links =
                  driver.findElements(By.cssSelector("#messages [data-testid=bubble-file]"));
              return links.isEmpty() ? null : links.get(0);
            });
    assertThat(link.getText()).contains("my-data.json");
    assertThat(link.getDomAttribute("download")).isEqualTo("my-data.json");
    assertThat(link.getDomAttribute("href"))
        .isEqualTo("api/v1/sim/" + name + "/files/" + file.id());
    HttpResponse<String> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(link.getDomProperty("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("{}");
    assertThat(text(lastBubble())).isEqualTo("Everything we keep about you");
  }

  @Test
  void theDemoCodesAreOfferedAndSentWithOneTap() {
    open();
    await("the demo notes", d -> visible("notes"));
    assertThat(byId("notes").getText()).contains("join DEMO0000").contains("join DEMOFAC0");

    type("name-input", "demo-" + Long.toString(System.nanoTime(), 36) + Keys.ENTER);
    await("the chat opens", d -> visible("chat"));
    await("the try-it line", d -> visible("try"));
    assertThat(byId("try").getText())
        .contains("Try it: send")
        .contains("join DEMO0000")
        .contains("(peer)")
        .contains("join DEMOFAC0")
        .contains("(facilitator)");
    List<WebElement> codes = driver.findElements(By.cssSelector("[data-testid=try-code]"));
    assertThat(labels(codes)).containsExactly("join DEMO0000", "join DEMOFAC0");

    codes.get(0).click();
    awaitUserBubble("join DEMO0000");
    await("the bot answers", d -> lastBubbleFrom("bot"));
    await(
        "the join starts with the language question",
        d -> text(lastBubble()).contains("Which language"));
    Object overflow =
        js("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    assertThat(overflow).as("the page scrolls sideways").isEqualTo(false);
  }

  // ---- helpers ----

  private void open() {
    driver.get("http://127.0.0.1:" + port + "/");
    await("the name picker", d -> visible("setup"));
  }

  /** Keeps the JSON bodies the page POSTs, to check their ids. */
  private void recordPosts() {
    js(
        "window.__posts = []; const real = window.fetch;"
            + "window.fetch = function (url, init) {"
            + "  if (init && init.method === 'POST') window.__posts.push(JSON.parse(init.body));"
            + "  return real.apply(this, arguments); };");
  }

  private void assertKeyboardFitsTheScreen(List<WebElement> keys) {
    Object overflow =
        js("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    assertThat(overflow).as("the page scrolls sideways").isEqualTo(false);
    WebElement bubble = keys.get(0).findElement(By.xpath("./ancestor::li[1]"));
    int right = bubble.getRect().getX() + bubble.getRect().getWidth();
    for (WebElement key : keys) {
      assertThat(key.getRect().getX() + key.getRect().getWidth())
          .as("key %s inside its bubble", key.getText())
          .isLessThanOrEqualTo(right);
    }
    long rows = keys.stream().map(k -> k.getRect().getY()).distinct().count();
    assertThat(rows).as("rows of rating keys on a phone").isBetween(1L, 3L);
  }

  private WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private boolean visible(String id) {
    return byId(id).isDisplayed();
  }

  private void type(String id, CharSequence text) {
    byId(id).sendKeys(text);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private void tap(List<WebElement> buttons, String label) {
    buttons.stream()
        .filter(b -> b.getText().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + labels(buttons)))
        .click();
  }

  private List<WebElement> live() {
    return driver.findElements(LIVE_BUTTONS);
  }

  private List<WebElement> awaitLiveButtons() {
    return await("the bot's buttons", d -> live().isEmpty() ? null : live());
  }

  private List<WebElement> bubbles() {
    return driver.findElements(BUBBLES);
  }

  private List<WebElement> userBubbles() {
    return driver.findElements(By.cssSelector("#messages [data-testid=bubble][data-from=user]"));
  }

  private WebElement lastBubble() {
    List<WebElement> all = bubbles();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private boolean lastBubbleFrom(String from) {
    WebElement last = lastBubble();
    return last != null && from.equals(last.getDomAttribute("data-from"));
  }

  private String lastUserText() {
    List<WebElement> mine = userBubbles();
    return mine.isEmpty() ? "" : text(mine.get(mine.size() - 1));
  }

  private void awaitUserBubble(String text) {
    await(
        "the person's message '" + text + "'",
        d -> userBubbles().stream().anyMatch(b -> text(b).equals(text)));
  }

  private static String text(WebElement bubble) {
    return bubble.findElement(By.cssSelector("[data-testid=bubble-text]")).getText();
  }

  private List<Long> seqs() {
    return bubbles().stream().map(b -> Long.parseLong(b.getDomAttribute("data-seq"))).toList();
  }

  private static List<String> labels(List<WebElement> buttons) {
    return buttons.stream().map(WebElement::getText).toList();
  }

  private <T> T await(String what, Function<WebDriver, T> condition) {
    return wait.withMessage(() -> what + "; the page shows:\n" + transcript()).until(condition);
  }

  private String transcript() {
    List<String> lines = new ArrayList<>();
    try {
      for (WebElement b : bubbles()) {
        List<String> buttons =
            b.findElements(By.cssSelector("button.reply")).stream()
                .map(x -> x.getText() + (x.isEnabled() ? "" : "(off)"))
                .toList();
        lines.add(
            "  "
                + b.getDomAttribute("data-seq")
                + " "
                + b.getDomAttribute("data-from")
                + ": "
                + text(b)
                + (buttons.isEmpty() ? "" : " " + buttons));
      }
      lines.add("  error: " + (visible("error") ? byId("error-text").getText() : "-"));
      lines.add("  status: " + (visible("status") ? byId("status").getText() : "-"));
    } catch (RuntimeException e) {
      lines.add("  (could not read the page: " + e + ")");
    }
    return String.join("\n", lines);
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
