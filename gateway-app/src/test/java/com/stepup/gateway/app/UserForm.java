package com.stepup.gateway.app;

import org.openqa.selenium.By;

/** The add-user form, on a merchant's page and on the platform's users page. */
final class UserForm {
  private final ConsoleBrowser console;

  UserForm(ConsoleBrowser console) {
    this.console = console;
  }

  /** Fills the form and posts it; a null role leaves the page's choice. */
  void add(String username, String password, String role) {
    console.fill(By.id("u-name"), username);
    if (role != null) {
      console.select(By.id("u-role"), role);
    }
    console.fill(By.id("u-password"), password);
    console.submitWith("[data-testid=add-user]");
  }

  String errorFor(String field) {
    return console.text("[data-field=" + field + "]");
  }

  String role() {
    return console.selected(By.id("u-role"));
  }

  String username() {
    return console.attribute("#u-name", "value");
  }

  String list() {
    return console.text("[data-testid=user-list]");
  }

  String row(String username) {
    return console.text(rowCss(username));
  }

  static String rowCss(String username) {
    return "tr[data-username='" + username + "']";
  }

  /** Asks to disable (or enable) a user: a confirmation follows. */
  void toggleEnabled(String username) {
    console.click(rowCss(username) + " [data-testid=user-enabled]");
  }
}
