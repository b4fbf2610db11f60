package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A merchant's page: its API keys, webhook secret, rate limit, users and settings. Platform admins
 * reach it from the merchants list; a merchant admin as its settings.
 */
final class MerchantPage {
  private final ConsoleBrowser console;

  MerchantPage(ConsoleBrowser console) {
    this.console = console;
  }

  UserForm users() {
    return new UserForm(console);
  }

  /** The key just issued, shown once. */
  String newApiKey() {
    return console.text("[data-testid=new-api-key]");
  }

  List<WebElement> newApiKeysNow() {
    return console.allNow("[data-testid=new-api-key]");
  }

  String webhookSecret() {
    return console.text("[data-testid=webhook-secret]");
  }

  /** Asks to rotate the webhook secret: a confirmation follows. */
  void rotateSecret() {
    console.click("[data-testid=rotate-secret]");
  }

  String keyList() {
    return console.text("[data-testid=key-list]");
  }

  /** A key's row, by its prefix (its first 11 characters), as CSS. */
  static String keyRow(String prefix) {
    return "tr[data-prefix='" + prefix + "']";
  }

  /** Asks to revoke a key: a confirmation follows. */
  void revokeKey(String prefix) {
    console.click(keyRow(prefix) + " [data-testid=revoke-key]");
  }

  String keyScopes(String prefix) {
    return console.text(keyRow(prefix) + " [data-testid=key-scopes]");
  }

  /** Ticks (or unticks) a scope box of the issue-key form. */
  void toggleScope(String scope) {
    console.click("[data-scope='" + scope + "']");
  }

  /** Issues a key labelled {@code label}, with the scopes ticked. */
  void issueKey(String label) {
    console.type(By.id("key-label"), label);
    console.submitWith("[data-testid=issue-key]");
  }

  void setRateLimit(String perSecond) {
    console.type(By.id("rate-limit"), perSecond);
    console.click("[data-testid=set-rate-limit]");
  }

  /** Types a time zone and saves the settings (the answer comes with the next page). */
  void saveZone(String zone) {
    console.fill(By.id("m-zone"), zone);
    console.click("[data-testid=save-settings]");
  }
}
