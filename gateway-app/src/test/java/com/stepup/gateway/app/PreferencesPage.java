package com.stepup.gateway.app;

import org.openqa.selenium.By;

/** A user's own preferences: the console's language and formats. */
final class PreferencesPage {
  private final ConsoleBrowser console;

  PreferencesPage(ConsoleBrowser console) {
    this.console = console;
  }

  static PreferencesPage open(ConsoleBrowser console) {
    console.open("/console/preferences");
    return new PreferencesPage(console);
  }

  /** Saves a locale ("" for the browser's). */
  void saveLocale(String tag) {
    console.select(By.cssSelector("[data-testid=locale]"), tag);
    console.submitWith("[data-testid=save-locale]");
  }

  String effectiveLocale() {
    return console.text("[data-testid=effective-locale]");
  }
}
