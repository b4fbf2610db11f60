package com.stepup.gateway.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The payments list: its search, rows, total, exports and the payments created since it opened. */
final class PaymentsPage {
  private final ConsoleBrowser console;

  PaymentsPage(ConsoleBrowser console) {
    this.console = console;
  }

  /** The list with {@code query} (a query string, without "?"). */
  static PaymentsPage open(ConsoleBrowser console, String query) {
    console.open("/console/payments" + (query.isEmpty() ? "" : "?" + query));
    return new PaymentsPage(console);
  }

  /** The list searched for {@code q}, URL-encoded. */
  static PaymentsPage search(ConsoleBrowser console, String q) {
    return open(console, "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
  }

  /** Searches with the form, as a person types it. */
  void searchFor(String q) {
    console.type(By.id("f-q"), q);
    console.click("[data-testid=search]");
    console.awaitUrlContains("q=" + q);
  }

  /** The hint that payments were created since the list was drawn. */
  String awaitNewPayments() {
    console.awaitVisible("[data-testid=new-payments]");
    return console.text("[data-testid=new-payments]");
  }

  void showNewPayments() {
    console.click("[data-testid=show-new-payments]");
  }

  String list() {
    return console.text("[data-testid=payment-list]");
  }

  static String row(String id) {
    return "tr[data-payment-id='" + id + "']";
  }

  /** The row's status, as CSS (to wait for it to change). */
  static String status(String id) {
    return row(id) + " [data-field=status]";
  }

  String statusOf(String id) {
    return console.text(status(id));
  }

  String amountOf(String id) {
    return console.text(row(id) + " [data-field=amount]");
  }

  String moneyStatusOf(String id) {
    return console.text(row(id) + " [data-field=money-status]");
  }

  String possibleDuplicate(String id) {
    return console.text(row(id) + " [data-testid=possible-duplicate]");
  }

  List<WebElement> rows(String id) {
    return console.all(row(id));
  }

  List<WebElement> rowsNow(String id) {
    return console.allNow(row(id));
  }

  WebElement rowElement(String id) {
    return console.find(row(id));
  }

  String total() {
    return console.text("[data-testid=payments-total]");
  }

  /** What the search could not read, said above the list. */
  List<WebElement> searchNotes() {
    return console.all("[data-testid=search-note]");
  }

  String exportHref(String export) {
    return console.attribute("[data-testid=" + export + "]", "href");
  }

  PaymentPage openPayment(String reference) {
    console.find(By.linkText(reference)).click();
    console.awaitUrlContains("/console/payments/");
    return new PaymentPage(console);
  }
}
