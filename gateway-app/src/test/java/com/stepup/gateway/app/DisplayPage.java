package com.stepup.gateway.app;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The customer display of a terminal: idle, a QR code, waiting, the outcome, or disconnected. */
final class DisplayPage {
  private final ConsoleBrowser console;

  DisplayPage(ConsoleBrowser console) {
    this.console = console;
  }

  void awaitIdle() {
    console.awaitVisible("[data-testid=display-idle]");
  }

  String store() {
    return console.text("[data-testid=display-store]");
  }

  void awaitQr() {
    console.awaitVisible("[data-testid=display-qr]");
  }

  String qrTimeout() {
    return console.text("[data-testid=display-qr-timeout]");
  }

  String qrImage() {
    return console.attribute("[data-testid=display-qr-image]", "src");
  }

  /** Waits until the QR image has loaded and has a size. */
  void awaitQrDrawn() {
    new WebDriverWait(console.driver(), Duration.ofSeconds(10))
        .until(
            d ->
                (Boolean)
                    console.script(
                        "const i = document.querySelector('[data-testid=display-qr-image]');"
                            + " return i.complete && i.naturalWidth > 0;"));
  }

  String qrAmount() {
    return console.text("[data-view=qr] [data-field=amount]");
  }

  void awaitWaiting() {
    console.awaitVisible("[data-testid=display-waiting]");
  }

  void awaitResult() {
    console.awaitVisible("[data-testid=display-result]");
  }

  String resultText() {
    return console.text("[data-testid=display-result-text]");
  }

  String resultIcon() {
    return console.text("[data-testid=display-result-icon]");
  }

  boolean showsResult() {
    return console.displayed("[data-testid=display-result]");
  }

  /** The network goes: every fetch of the page fails until {@link #goOnline()}. */
  void goOffline() {
    console.script(
        "window.__fetch = window.fetch;"
            + " window.fetch = function () { return Promise.reject(new Error('offline')); };");
  }

  void goOnline() {
    console.script("window.fetch = window.__fetch;");
  }

  void awaitOffline() {
    new WebDriverWait(console.driver(), Duration.ofSeconds(12))
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=display-offline]")));
  }

  void awaitBackOnline() {
    new WebDriverWait(console.driver(), Duration.ofSeconds(10))
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("[data-testid=display-offline]")));
  }

  String offlineText() {
    return console.text("[data-testid=display-offline-text]");
  }

  /** What the offline text asks of the shopper. */
  String offlineAsk() {
    return console.attribute("[data-testid=display-offline-text]", "data-ask");
  }

  void awaitDisconnected() {
    console.awaitVisible("[data-testid=display-disconnected]");
  }

  String disconnected() {
    return console.text("[data-testid=display-disconnected]");
  }
}
