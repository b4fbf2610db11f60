package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The platform's users and its admin API tokens. */
final class UsersPage {
  private final ConsoleBrowser console;

  UsersPage(ConsoleBrowser console) {
    this.console = console;
  }

  UserForm users() {
    return new UserForm(console);
  }

  void issueToken(String label) {
    console.type(By.cssSelector("[data-testid=token-label]"), label);
    console.submitWith("[data-testid=token-issue]");
  }

  /** The token just issued, shown once. */
  String newToken() {
    return console.text("[data-testid=new-admin-token]");
  }

  List<WebElement> newTokensNow() {
    return console.allNow("[data-testid=new-admin-token]");
  }

  WebElement tokenRow(String label) {
    return console.find(By.xpath("//tr[@data-token][.//*[contains(., '" + label + "')]]"));
  }

  void revokeToken(String label) {
    tokenRow(label).findElement(By.cssSelector("[data-testid=token-revoke]")).click();
  }
}
