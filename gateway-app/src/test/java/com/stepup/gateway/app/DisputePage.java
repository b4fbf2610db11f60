package com.stepup.gateway.app;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The disputes list and a dispute: its reason, state, timeline, files and answer. */
final class DisputePage {
  private final ConsoleBrowser console;

  DisputePage(ConsoleBrowser console) {
    this.console = console;
  }

  static DisputePage open(ConsoleBrowser console, String disputeId) {
    console.open("/console/disputes/" + disputeId);
    return new DisputePage(console);
  }

  /** The dispute's row in the disputes list. */
  WebElement row(String disputeId) {
    return console.find("[data-testid=dispute-row][data-id=" + disputeId + "]");
  }

  /** Opens the dispute from its row in the list. */
  void openFrom(WebElement row) {
    row.findElement(By.cssSelector("[data-testid=dispute-link]")).click();
  }

  String payment() {
    return console.text("[data-testid=payment-link]");
  }

  String reason() {
    return console.text("[data-testid=reason]");
  }

  /** Asks to answer with the evidence pack: a confirmation follows on the page. */
  void answer() {
    console.click("[data-testid=answer]");
  }

  String answerConfirmation() {
    return console.text("[data-testid=confirm-answer]");
  }

  void confirmAnswer(String info) {
    console.type(By.id("answer-info"), info);
    console.click("[data-testid=answer-confirmed]");
  }

  /** Chooses {@code file} in the upload form and sends it (the page's script checks it first). */
  void upload(java.nio.file.Path file) {
    console.type(By.cssSelector("[data-testid=file]"), file.toAbsolutePath().toString());
    console.click("[data-testid=upload]");
  }

  String uploadProblem() {
    return console.text("[data-testid=upload-problem]");
  }

  String state() {
    return console.attribute("[data-field=state]", "data-value");
  }

  String attachments() {
    return console.text("[data-testid=attachments]");
  }

  /** The actions (by data-testid) on the page as it is. */
  List<WebElement> now(String testid) {
    return console.allNow("[data-testid=" + testid + "]");
  }

  List<String> eventKinds() {
    return console.all("[data-testid=dispute-event]").stream()
        .map(e -> e.getAttribute("data-kind"))
        .toList();
  }

  String timeline() {
    return console.text("[data-testid=dispute-timeline]");
  }
}
