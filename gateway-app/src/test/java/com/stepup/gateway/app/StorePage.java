package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A store: its onboarding at Klarna, its terminals and their displays' links. */
final class StorePage {
  private final ConsoleBrowser console;

  StorePage(ConsoleBrowser console) {
    this.console = console;
  }

  static StorePage open(ConsoleBrowser console, String storeId) {
    console.open("/console/stores/" + storeId);
    return new StorePage(console);
  }

  String onboardingStatus() {
    return console.text("[data-testid=onboarding-status]");
  }

  String klarnaStoreId() {
    return console.text("[data-testid=klarna-store-id]");
  }

  /** Fills the add-terminal form ({@code name} null leaves it empty) and posts it. */
  void addTerminal(String reference, String name, boolean hasDisplay) {
    console.type(By.id("terminal_reference"), reference);
    if (name != null) {
      console.type(By.id("terminal_name"), name);
    }
    if (hasDisplay) {
      console.click("#has_display");
    }
    console.submitWith("[data-testid=add-terminal]");
  }

  /** The terminal's row in the list, by reference, as CSS (to wait for its text). */
  static String terminalRow(String reference) {
    return "[data-testid=terminal-list] tr[data-reference=" + reference + "]";
  }

  String terminal(String reference) {
    return console.text(terminalRow(reference));
  }

  String addTerminalForm() {
    return console.text("[data-testid=add-terminal-form]");
  }

  List<WebElement> addTerminalFormsNow() {
    return console.allNow("[data-testid=add-terminal-form]");
  }

  boolean hasDisplayTicked() {
    return console.find(By.id("has_display")).isSelected();
  }

  /** Asks to deactivate (or activate) a terminal: a confirmation follows. */
  void toggleActive(String reference) {
    console.click(terminalRow(reference) + " form[action$='/active'] button");
  }

  StoreForm edit() {
    console.click("[data-testid=edit-store]");
    return new StoreForm(console);
  }

  /** Asks for a new display link of the terminal (a confirmation follows if it has one). */
  void displayLink(String reference) {
    console.click("tr[data-reference='" + reference + "'] [data-testid=display-link]");
  }

  /** Asks to disconnect the terminal's display: a confirmation follows. */
  void disconnectDisplay(String reference) {
    console.click("tr[data-reference='" + reference + "'] [data-testid=display-disconnect]");
  }

  /** The new display link, whole. */
  String displayUrl() {
    return console.attribute("[data-testid=display-url]", "href");
  }

  String displayUrlQrViewBox() {
    return console.find("[data-testid=display-url-qr] svg").getDomAttribute("viewBox");
  }
}
