package com.stepup.gateway.app;

import org.openqa.selenium.By;

/** The platform's merchants and the form that makes one. */
final class MerchantsPage {
  private final ConsoleBrowser console;

  MerchantsPage(ConsoleBrowser console) {
    this.console = console;
  }

  void typeName(String name) {
    console.type(By.id("m-name"), name);
  }

  void typePartnerAccount(String account) {
    console.type(By.id("m-account"), account);
  }

  void typeNotificationUrl(String url) {
    console.type(By.id("m-url"), url);
  }

  void clearNotificationUrl() {
    console.find(By.id("m-url")).clear();
  }

  void create() {
    console.submitWith("[data-testid=create-merchant]");
  }

  String errorFor(String field) {
    return console.text("[data-field=" + field + "]");
  }

  String name() {
    return console.attribute("#m-name", "value");
  }
}
