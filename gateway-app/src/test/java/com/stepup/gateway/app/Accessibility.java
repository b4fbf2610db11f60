package com.stepup.gateway.app;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, Deque's accessibility engine, run in the browser's current page against WCAG 2.1 A and
 * AA. The script is the one Deque ships in {@code com.deque.html.axe-core:selenium}.
 */
final class Accessibility {

  private static final String AXE = script();

  private Accessibility() {}

  /** Each violation on the page as {@code rule (impact): help, at selector; selector...}. */
  static List<String> violations(WebDriver browser) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    // half a megabyte of script: sent again only to a page that does not have it yet
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
      js.executeScript(AXE);
    }
    Object answer =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag',"
                + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(JSON.stringify({violations: r.violations.map(v => ({"
                + " id: v.id, impact: v.impact || '', help: v.help,"
                + " targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))})))"
                + ".catch(e => done(JSON.stringify({error: String(e)})));");
    JsonObject result = Json.createReader(new StringReader(String.valueOf(answer))).readObject();
    if (result.containsKey("error")) {
      throw new IllegalStateException("axe-core failed: " + result.getString("error"));
    }
    return result.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
        .map(
            v ->
                v.getString("id")
                    + " ("
                    + v.getString("impact")
                    + "): "
                    + v.getString("help")
                    + ", at "
                    + String.join(
                        "; ",
                        v.getJsonArray("targets").getValuesAs(jakarta.json.JsonString::getString)))
        .toList();
  }

  private static String script() {
    try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
