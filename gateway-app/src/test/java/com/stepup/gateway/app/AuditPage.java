package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The audit log and its filter. */
final class AuditPage {
  private final ConsoleBrowser console;

  AuditPage(ConsoleBrowser console) {
    this.console = console;
  }

  String list() {
    return console.text("[data-testid=audit-list]");
  }

  /** Filters by the start of the action and by user, and waits for the filtered list. */
  void filter(String actionPrefix, String username) {
    console.select(By.cssSelector("[data-testid=audit-action]"), actionPrefix);
    console.type(By.id("a-user"), username);
    console.click("[data-testid=audit-search]");
    console.awaitUrlContains("action=" + actionPrefix);
  }

  List<WebElement> actions() {
    return console.all("[data-testid=audit-list] [data-field=action]");
  }
}
