package com.stepup.gateway.app;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The partner notifications (deliveries) list, and a delivery with its attempts. */
final class DeliveriesPage {
  private final ConsoleBrowser console;

  DeliveriesPage(ConsoleBrowser console) {
    this.console = console;
  }

  List<WebElement> rows() {
    return console.all("[data-testid=delivery-list] tbody tr");
  }

  /** Klarna's side of the webhooks, for platform staff. */
  String webhookHealth() {
    return console.text("[data-testid=webhook-health]");
  }

  List<WebElement> webhookHealthNow() {
    return console.allNow("[data-testid=webhook-health]");
  }

  /** Opens the delivery of the first row. */
  void openFirst() {
    console.click("[data-testid=delivery-list] tbody tr a");
    console.awaitUrlContains("/console/deliveries/");
  }

  /** Opens the delivery of a row. */
  void open(WebElement row) {
    row.findElement(By.tagName("a")).click();
    console.awaitUrlContains("/console/deliveries/");
  }

  List<WebElement> attempts() {
    return console.all("[data-testid=attempt-list] tbody tr");
  }

  void redeliver() {
    console.click("[data-testid=redeliver]");
  }

  List<WebElement> redeliverButtonsNow() {
    return console.allNow("[data-testid=redeliver]");
  }

  /** Reloads the delivery until it says "Delivered"; fails after 15 s. */
  void awaitDelivered() {
    new WebDriverWait(console.driver(), Duration.ofSeconds(15))
        .ignoring(WebDriverException.class)
        .until(
            d -> {
              d.navigate().refresh();
              return d.findElement(By.cssSelector("[data-testid=delivery-status]"))
                  .getText()
                  .equals("Delivered");
            });
  }

  String body() {
    return console.text("[data-testid=delivery-body]");
  }

  String paymentLink() {
    return console.attribute("[data-testid=delivery-payment]", "href");
  }
}
