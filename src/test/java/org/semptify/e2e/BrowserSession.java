package org.semptify.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its ChromeDriver with a fresh profile: pages are
 * opened, screenshotted into {@code target/e2e/<name>/} and checked with axe-core.
 */
final class BrowserSession implements AutoCloseable {
  static final String CHROMIUM_PATH = "/usr/bin/chromium";
  static final String CHROMEDRIVER_PATH = "/usr/bin/chromedriver";
  static final String AXE_PATH = "src/test/e2e/node_modules/axe-core/axe.min.js";
  static final Path CHROMIUM = Path.of(CHROMIUM_PATH);
  static final Path CHROMEDRIVER = Path.of(CHROMEDRIVER_PATH);
  static final Path AXE = Path.of(AXE_PATH);

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path screenshots;
  private final String axeSource;
  private int step;

  BrowserSession(String baseUrl, String language, Path profile, String name) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=390,900", // a phone held upright
        "--lang=" + language,
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    // A form post returns before the next page has loaded: finding waits for it.
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    this.baseUrl = baseUrl;
    this.screenshots = Path.of("target", "e2e", name);
    Files.createDirectories(screenshots);
    this.axeSource = Files.readString(AXE, StandardCharsets.UTF_8);
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  void type(String css, String text) {
    WebElement element = find(css);
    element.clear();
    element.sendKeys(text);
  }

  void click(String css) {
    find(css).click();
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  String cookie(String name) {
    var cookie = driver.manage().getCookieNamed(name);
    return cookie == null ? null : cookie.getValue();
  }

  /** Saves a screenshot of the page and checks it with axe: no serious or critical violation. */
  void checkpoint(String label) {
    step++;
    try {
      Files.write(
          screenshots.resolve(String.format("%02d-%s.png", step, label)),
          driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver.executeScript(axeSource);
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))"
                + ".catch(e => done(['axe failed: ' + e]));");
    List<String> violations = new ArrayList<>();
    for (Object item : (List<?>) result) {
      violations.add(String.valueOf(item));
    }
    assertThat(violations).as(label + " at " + driver.getCurrentUrl()).isEmpty();
  }

  /** Runs {@code script} in the page and returns its result. */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Resizes the window: 390 wide is a phone held upright, 1366 a laptop. */
  void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Saves a screenshot of the page only (no axe run). */
  void screenshot(String label) {
    step++;
    try {
      Files.write(
          screenshots.resolve(String.format("%02d-%s.png", step, label)),
          driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves a screenshot of the whole page, scrolled content included. */
  void fullPage(String label) {
    step++;
    Object shot =
        driver
            .executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                    "captureBeyondViewport",
                    true,
                    "format",
                    "png",
                    "clip",
                    Map.of(
                        "x",
                        0,
                        "y",
                        0,
                        "scale",
                        1,
                        "width",
                        driver.executeScript("return document.documentElement.clientWidth"),
                        "height",
                        driver.executeScript("return document.documentElement.scrollHeight"))))
            .get("data");
    try {
      Files.write(
          screenshots.resolve(String.format("%02d-%s.png", step, label)),
          java.util.Base64.getDecoder().decode(String.valueOf(shot)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** Downloads go to {@code directory} without asking (Chromium's DevTools protocol). */
  void allowDownloads(Path directory) {
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
  }

  /** Lets the page write to the clipboard (the Copy buttons) without a prompt. */
  void allowClipboard() {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin",
            baseUrl,
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  /** The viewport as a phone (390x844) or a desktop (1366x900) shows the page. */
  void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /** The full address in the address bar. */
  String url() {
    return driver.getCurrentUrl();
  }

  /** True when {@code css} matches the focused element. */
  boolean focused(String css) {
    return Boolean.TRUE.equals(
        driver.executeScript(
            "return document.activeElement !== null && document.activeElement.matches(arguments[0]);",
            css));
  }

  /**
   * True when the element can be read without scrolling: its top, and its first lines (or all of it
   * when shorter), lie inside the viewport as the page is now scrolled.
   */
  boolean inView(String css) {
    return Boolean.TRUE.equals(
        driver.executeScript(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return r.height > 0 && r.top >= 0"
                + " && Math.min(r.bottom, r.top + 120) <= window.innerHeight;",
            css));
  }

  /** Waits (up to 10 s) for a file in {@code directory} whose name starts with {@code prefix}. */
  static Path awaitFile(Path directory, String prefix) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(directory)) {
        var found =
            files
                .filter(f -> f.getFileName().toString().startsWith(prefix))
                .filter(f -> !f.getFileName().toString().endsWith(".crdownload"))
                .findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no download starting with " + prefix + " in " + directory);
  }
}
