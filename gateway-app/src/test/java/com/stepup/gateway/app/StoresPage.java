package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The stores list, its search and its pages. */
final class StoresPage {
  private final ConsoleBrowser console;

  private StoresPage(ConsoleBrowser console) {
    this.console = console;
  }

  static StoresPage search(ConsoleBrowser console, String q) {
    console.open("/console/stores?q=" + q);
    return new StoresPage(console);
  }

  List<WebElement> rows() {
    return console.all("[data-testid=store-list] tbody tr");
  }

  String list() {
    return console.text("[data-testid=store-list]");
  }

  void nextPage() {
    console.find(By.linkText("Next")).click();
  }

  /** Offered to those who may add a store. */
  List<WebElement> newStoreButtonsNow() {
    return console.allNow("[data-testid=new-store]");
  }

  StorePage openStore(String reference) {
    console.find(By.linkText(reference)).click();
    console.awaitUrlContains("/console/stores/");
    return new StorePage(console);
  }
}
