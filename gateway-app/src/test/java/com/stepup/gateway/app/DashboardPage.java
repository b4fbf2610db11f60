package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.WebElement;

/** The dashboard, located by data-testid. */
final class DashboardPage {
  private final ConsoleBrowser console;

  DashboardPage(ConsoleBrowser console) {
    this.console = console;
    assertThat(console.displayed("[data-testid=dashboard]")).isTrue();
  }

  String currentUser() {
    return console.text("[data-testid=current-user]");
  }

  String currentRole() {
    return console.text("[data-testid=current-role]");
  }

  String welcome() {
    return console.text("[data-testid=welcome]");
  }

  /** The merchant's time zone, as the dashboard says it. */
  String zone() {
    return console.text("[data-testid=zone]");
  }

  String uncaptured() {
    return console.text("[data-testid=uncaptured]");
  }

  String openDisputes() {
    return console.text("[data-testid=open-disputes]");
  }

  /** The period picked, of this week, this month... */
  String period() {
    return console.text("[data-testid=period] [aria-current]");
  }

  String week() {
    return console.text("[data-testid=week]");
  }

  String volume() {
    return console.text("[data-testid=volume]");
  }

  /** Opens the list a bar of the week counts. */
  void openWeekBar(String key) {
    console.click("[data-testid=week] li[data-key=" + key + "] a");
  }

  String supportNotes() {
    return console.text("[data-testid=support-notes]");
  }

  /** The notes section, present only while there are notes. */
  List<WebElement> supportNotesNow() {
    return console.allNow("[data-testid=support-notes]");
  }

  /** Marks the first note done and waits for the dashboard to come back. */
  void markNoteDone() {
    console.submitWith("[data-testid=note-done]");
    console.find("[data-testid=dashboard]");
  }

  LoginPage logOut() {
    console.click("#logout");
    return new LoginPage(console);
  }
}
