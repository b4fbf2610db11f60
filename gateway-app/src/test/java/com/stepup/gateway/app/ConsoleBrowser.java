package com.stepup.gateway.app;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser as the console's page objects use it: the gateway's root, elements by CSS, the waits
 * a form POST or a live update needs, and the confirmations every destructive action asks first.
 */
final class ConsoleBrowser {

  /** The window a phone gives a page. */
  static final Dimension PHONE = new Dimension(390, 844);

  private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

  private final WebDriver driver;
  private final String root;

  ConsoleBrowser(WebDriver driver, URL base) {
    this.driver = driver;
    this.root = base.toString().replaceAll("/$", "");
  }

  WebDriver driver() {
    return driver;
  }

  String root() {
    return root;
  }

  void open(String path) {
    driver.get(root + path);
  }

  LoginPage openLogin() {
    open("/console");
    return new LoginPage(this);
  }

  DashboardPage openDashboard() {
    open("/console");
    return new DashboardPage(this);
  }

  /** Logs out from the dashboard, as a person switching users would. */
  LoginPage logOut() {
    return openDashboard().logOut();
  }

  /** Follows an item of the layout's navigation, by its data-testid. */
  void nav(String item) {
    click("[data-testid=" + item + "]");
  }

  /** What the navigation says of an item: "page" when it is the page shown. */
  String navCurrent(String item) {
    return attribute("[data-testid=" + item + "]", "aria-current");
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  String text(String css) {
    return find(css).getText();
  }

  String attribute(String css, String name) {
    return find(css).getAttribute(name);
  }

  boolean displayed(String css) {
    return find(css).isDisplayed();
  }

  void click(String css) {
    find(css).click();
  }

  /** Clears the field and types {@code value}. */
  void fill(By field, String value) {
    var element = find(field);
    element.clear();
    element.sendKeys(value);
  }

  void type(By field, String value) {
    find(field).sendKeys(value);
  }

  void select(By field, String value) {
    new Select(find(field)).selectByValue(value);
  }

  String selected(By field) {
    return new Select(find(field)).getFirstSelectedOption().getAttribute("value");
  }

  /** What matches, once some match (the implicit wait). For lists expected to hold something. */
  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * What matches on the page as it is, once loaded, without the implicit wait: the way to say
   * something is absent without waiting five seconds for it to turn up.
   */
  List<WebElement> allNow(String css) {
    awaitLoaded();
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      return driver.findElements(By.cssSelector(css));
    } finally {
      driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
    }
  }

  String pageSource() {
    return driver.getPageSource();
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  String title() {
    return driver.getTitle();
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Clicks what leads to another page (a form's submit button, a link) and waits until the page it
   * left has gone, so that nothing after reads the old page.
   */
  void submitWith(String css) {
    var page = driver.findElement(By.tagName("html"));
    click(css);
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> gone(page));
  }

  /**
   * Whether an element has left the document. Stale, as WebDriver says it; or, as Chromium says it
   * at times when asked in the middle of a navigation, a node that "does not belong to the
   * document" (a generic error, which {@code ExpectedConditions.stalenessOf} lets through: CI
   * failed on it under load).
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** Waits for the page a form POST leads to: the element's text once it shows {@code text}. */
  void awaitText(String css, String text) {
    // the old page may still be there when the wait starts, and go while it reads an element
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  void awaitVisible(String css) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void awaitUrlContains(String part) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(part));
  }

  void awaitLoaded() {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(WebDriverException.class)
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  /** The question of the confirmation page a destructive action leads to. */
  String confirmQuestion() {
    return text("[data-testid=confirm-question]");
  }

  void confirmYes() {
    click("[data-testid=confirm-yes]");
  }

  void confirmNo() {
    click("[data-testid=confirm-no]");
  }

  /** The "done" message a page shows after an action. */
  String done() {
    return text("[data-testid=done]");
  }

  /** Runs {@code check} with the window at {@code size}, and gives the window its size back. */
  void atSize(Dimension size, Step check) throws Exception {
    var before = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(size);
      check.run();
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** A step of a check that may throw. */
  interface Step {
    void run() throws Exception;
  }

  /** How far the page scrolls sideways, in CSS pixels (0 or less when it fits). */
  int sidewaysScroll() {
    return ((Number)
            script(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;"))
        .intValue();
  }

  /**
   * Null when the page fits the window's width; else how far it scrolls sideways and the outermost
   * elements that run off the side (outside the boxes that scroll on their own), to know what to
   * fix.
   */
  String runsOffTheSide() {
    int wider = sidewaysScroll();
    if (wider <= 0) {
      return null;
    }
    Object offenders =
        script(
            "var w = document.documentElement.clientWidth + 1, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  var p = e.parentElement;"
                + "  if (e.getBoundingClientRect().right > w"
                + "      && p && p.getBoundingClientRect().right <= w"
                + "      && !p.closest('.table-wrap, pre')"
                + "      && out.length < 5) {"
                + "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + "      + (e.className && e.className.baseVal === undefined"
                + "         ? '.' + e.className.split(' ').join('.') : '')"
                + "      + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');"
                + "  }"
                + "});"
                + "return out.join(', ');");
    return "horizontal scroll at "
        + driver.manage().window().getSize().getWidth()
        + " px: "
        + wider
        + " px, by "
        + offenders;
  }

  /** A GET with the browser's console session, for what a browser would download. */
  HttpResponse<String> download(String path) throws Exception {
    String cookies =
        driver.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(root + path)).header("Cookie", cookies).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Kept in target/screenshots; the ones in docs/ are copies of these. */
  void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    var size = driver.manage().window().getSize();
    if (!name.startsWith("display") && !name.startsWith("phone")) {
      driver.manage().window().setSize(new Dimension(1280, 1500));
    }
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
    driver.manage().window().setSize(size);
  }
}
