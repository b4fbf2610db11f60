package com.stepup.gateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/** The headless Chromium every browser test uses (Debian's chromium and chromium-driver). */
final class Browsers {

  private Browsers() {}

  static WebDriver headlessChromium() throws IOException {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    var options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium"));
    WebDriver browser = new ChromeDriver(options);
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return browser;
  }
}
