package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A payment: its status and money, its timeline, and what a merchant admin may do with it (capture,
 * refund, release, cancel, retry) or support may ask (a note).
 */
final class PaymentPage {
  private final ConsoleBrowser console;

  PaymentPage(ConsoleBrowser console) {
    this.console = console;
  }

  static PaymentPage open(ConsoleBrowser console, String id) {
    console.open("/console/payments/" + id);
    return new PaymentPage(console);
  }

  /** The capture confirmation for {@code amount} as typed, straight by its URL. */
  static PaymentPage openCapture(ConsoleBrowser console, String id, String amount) {
    console.open("/console/payments/" + id + "/capture?amount=" + amount);
    return new PaymentPage(console);
  }

  /** The refund confirmation for {@code amount} as typed, straight by its URL. */
  static PaymentPage openRefund(ConsoleBrowser console, String id, String amount) {
    console.open("/console/payments/" + id + "/refund?amount=" + amount);
    return new PaymentPage(console);
  }

  static final String STATUS = "main [data-field=status]";
  static final String MONEY_STATUS = "main [data-field=money-status]";

  String status() {
    return console.text(STATUS);
  }

  String moneyStatus() {
    return console.text(MONEY_STATUS);
  }

  /** An amount of the money panel: capturable, captured, refunded, disputed... */
  static String amount(String kind) {
    return "[data-amount=" + kind + "]";
  }

  String amountOf(String kind) {
    return console.text(amount(kind));
  }

  String charged() {
    return console.text("[data-testid=charged]");
  }

  String timeline() {
    return console.text("[data-testid=timeline]");
  }

  String transactionId() {
    return console.text("[data-testid=transaction-id]");
  }

  String possibleDuplicate() {
    return console.text("[data-testid=possible-duplicate]");
  }

  String finalizingFailure() {
    return console.text("[data-testid=finalizing-failure]");
  }

  void retry() {
    console.click("[data-testid=retry]");
  }

  /** The buttons (or notes) by data-testid on the page as it is: cancel, capture, finalizing... */
  List<WebElement> now(String testid) {
    return console.allNow("[data-testid=" + testid + "]");
  }

  List<WebElement> cancelButtons() {
    return console.all("[data-testid=cancel]");
  }

  void cancelAfterConfirming() {
    console.click("[data-testid=cancel]");
    console.click("[data-testid=cancel-confirmed]");
  }

  /** Types an amount to capture and asks: a confirmation (or an error at the field) follows. */
  void capture(String amount) {
    console.type(By.cssSelector("[data-testid=capture-amount]"), amount);
    console.click("[data-testid=capture]");
  }

  String captureConfirmation() {
    return console.text("[data-testid=confirm-capture]");
  }

  void confirmCapture() {
    console.click("[data-testid=capture-confirmed]");
  }

  String captureAmountError() {
    return console.text("[data-testid=capture-amount-error]");
  }

  WebElement captureAmountField() {
    return console.find("[data-testid=capture-amount]");
  }

  /** Types an amount to refund (replacing what is there) and asks. */
  void refund(String amount) {
    console.fill(By.cssSelector("[data-testid=refund-amount]"), amount);
    console.click("[data-testid=refund]");
  }

  /** Types an amount and a reason to refund, and asks. */
  void refund(String amount, String reason) {
    console.type(By.cssSelector("[data-testid=refund-amount]"), amount);
    console.type(By.cssSelector("[data-testid=refund-reason]"), reason);
    console.click("[data-testid=refund]");
  }

  String refundConfirmation() {
    return console.text("[data-testid=confirm-refund]");
  }

  void confirmRefund() {
    console.click("[data-testid=refund-confirmed]");
  }

  String refundAmountError() {
    return console.text("[data-testid=refund-amount-error]");
  }

  WebElement refundAmountField() {
    return console.find("[data-testid=refund-amount]");
  }

  WebElement releaseButton() {
    return console.find("[data-testid=release]");
  }

  String movements() {
    return console.text("[data-testid=movements]");
  }

  /** What the gateway refused, after "Yes". */
  String problem() {
    return console.text("[data-testid=problem]");
  }

  void typeNote(String text) {
    console.type(By.cssSelector("[data-testid=note-text]"), text);
  }

  void sendNote() {
    console.submitWith("[data-testid=send-note]");
  }

  String noteError() {
    return console.text("#note-error");
  }
}
