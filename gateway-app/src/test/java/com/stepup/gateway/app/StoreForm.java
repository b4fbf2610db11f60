package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;

/** The new-store form, and the edit form it becomes for a store that exists. */
final class StoreForm {
  private final ConsoleBrowser console;

  StoreForm(ConsoleBrowser console) {
    this.console = console;
    assertThat(console.displayed("[data-testid=store-new]")).isTrue();
  }

  void fill(String id, String value) {
    console.fill(By.id(id), value);
  }

  void submit() {
    console.click("[data-testid=create-store]");
  }

  String errorFor(String field) {
    return console.text("[data-field='" + field + "']");
  }

  /** The summary of what is wrong, above the form. */
  String summary() {
    return console.text("[data-testid=form-error]");
  }

  String value(String id) {
    return console.attribute("#" + id, "value");
  }

  String readonly(String id) {
    return console.attribute("#" + id, "readonly");
  }

  boolean shows(String id) {
    return console.displayed("#" + id);
  }
}
