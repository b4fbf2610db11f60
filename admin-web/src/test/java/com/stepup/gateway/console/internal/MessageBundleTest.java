package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.TimelineEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The bundle as the templates read it: Thymeleaf formats every {@code #{...}} message with {@link
 * MessageFormat}, where a lone apostrophe quotes and vanishes ("Klarnas final authorization").
 * {@code word.*} and {@code done.*} are read as they are, by code.
 */
class MessageBundleTest {

  @Test
  void everyApostropheSurvivesMessageFormat() {
    List<String> lost = new ArrayList<>();
    ConsoleTemplates.MESSAGES.forEach(
        (k, v) -> {
          String key = k.toString();
          String raw = v.toString();
          if (key.startsWith("word.") || key.startsWith("done.") || !raw.contains("'")) {
            return;
          }
          String shown =
              new MessageFormat(raw, Locale.ENGLISH).format(new Object[] {"0", "1", "2", "3", "4"});
          long wanted = raw.replace("''", "'").chars().filter(c -> c == '\'').count();
          long got = shown.chars().filter(c -> c == '\'').count();
          if (got != wanted) {
            lost.add(key + " → " + shown);
          }
        });
    assertThat(lost).isEmpty();
  }

  @Test
  void aRawEntryNeedsNoQuoting() {
    assertThat(ConsoleTemplates.MESSAGES.getProperty("word.IN_PROGRESS"))
        .isEqualTo("the shopper is in Klarna's journey");
    assertThat(
            new MessageFormat(ConsoleTemplates.MESSAGES.getProperty("payment.finalizing"))
                .format(new Object[0]))
        .contains("Klarna's final authorization");
  }

  @Test
  void noKeyIsWrittenTwice() throws Exception {
    // a second line with the same key silently wins: two features' texts merged into one bundle
    List<String> keys = new ArrayList<>();
    try (var in = MessageBundleTest.class.getResourceAsStream("/messages.properties");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#") && l.contains("="))
          .map(l -> l.substring(0, l.indexOf('=')).trim())
          .forEach(keys::add);
    }
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void everyDisputeTimelineKindHasWords() {
    // the kinds DisputeEventView names; the page builds the key from the kind, so a lost entry
    // shows as ??dispute.event.opened_en_US?? (seen after a merge)
    assertThat(
            List.of(
                "opened",
                "updated",
                "won",
                "lost",
                "evidence_due_soon",
                "evidence_sent",
                "appeal_sent",
                "loss_accepted"))
        .allSatisfy(
            kind ->
                assertThat(ConsoleTemplates.MESSAGES.getProperty("dispute.event." + kind))
                    .as(kind)
                    .isNotBlank());
  }

  @Test
  void everyPaymentTimelineEventHasTheWordsOfItsEnglish() {
    // the console says each code with the bundle's words; while the bundle is English they are
    // the partner API's words (TimelineEvent), so the page and the API read alike
    List<Object> values = List.of("{0}", "{1}", "{2}", "{3}");
    assertThat(TimelineEvent.values())
        .allSatisfy(
            event -> {
              String words = ConsoleTemplates.MESSAGES.getProperty("timeline.event." + event);
              assertThat(words).as(event.name()).isNotBlank();
              assertThat(new MessageFormat(words, Locale.ENGLISH).format(values.toArray()))
                  .as(event.name())
                  .isEqualTo(event.english());
            });
  }
}
