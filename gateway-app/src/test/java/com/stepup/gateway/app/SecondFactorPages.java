package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The login's second factor: enrolment by QR code, and the code asked after the password. */
final class SecondFactorPages {
  private final ConsoleBrowser console;

  SecondFactorPages(ConsoleBrowser console) {
    this.console = console;
  }

  boolean showsQr() {
    return console.displayed("[data-testid=enrol-qr] svg");
  }

  String secret() {
    return console.text("[data-testid=totp-secret]");
  }

  /** Types a code at enrolment and posts it. */
  void enrolWith(String code) {
    console.type(By.id("code"), code);
    console.submitWith("#enrol-submit");
  }

  String enrolError() {
    return console.text("[data-testid=enrol-error]");
  }

  List<WebElement> recoveryCodes() {
    return console.all("[data-testid=recovery-codes] li");
  }

  DashboardPage continueToConsole() {
    console.click("#enrol-continue");
    return new DashboardPage(console);
  }

  /** Types a code after the password and posts it. */
  void logInWith(String code) {
    console.type(By.id("code"), code);
    console.submitWith("#code-submit");
  }

  String codeError() {
    return console.text("[data-testid=code-error]");
  }
}
