package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payment's timeline as support staff read it: Klarna's and our enum words turned into words
 * ("PARTNER_CANCELED" is "canceled by the partner"), other payments' ids as links (the superseding
 * sale), raw JSON indented, and a run of identical rows shown once with its count.
 */
final class TimelineRows {

  private TimelineRows() {}

  /** A piece of a summary: text, or the id of a payment to link to. */
  public record Part(String text, boolean payment) {}

  public record Row(
      Instant at,
      Instant lastAt,
      int times,
      TimelineEntry.Kind kind,
      List<Part> parts,
      String detail) {
    /** The summary as one text, words and ids together. */
    public String text() {
      StringBuilder b = new StringBuilder();
      parts.forEach(p -> b.append(p.text()));
      return b.toString();
    }
  }

  private static final Pattern TOKEN =
      Pattern.compile("\\b(pay_[A-Za-z0-9]{6,40}|[A-Z]{3,}(?:_[A-Z]+)*)\\b");

  static List<Row> of(List<TimelineEntry> entries, Properties words, String self) {
    List<Row> rows = new ArrayList<>();
    for (TimelineEntry e : entries) {
      Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      if (last != null
          && last.kind() == e.kind()
          && last.text().equals(text(parts(e.summary(), words, self)))
          && java.util.Objects.equals(last.detail(), pretty(e.detail()))) {
        rows.set(
            rows.size() - 1,
            new Row(last.at(), e.at(), last.times() + 1, last.kind(), last.parts(), last.detail()));
        continue;
      }
      rows.add(
          new Row(
              e.at(), e.at(), 1, e.kind(), parts(e.summary(), words, self), pretty(e.detail())));
    }
    return rows;
  }

  static List<Part> parts(String summary, Properties words, String self) {
    List<Part> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(summary == null ? "" : summary);
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (m.find()) {
      text.append(summary, at, m.start());
      String token = m.group(1);
      if (token.startsWith("pay_") && !token.equals(self)) {
        if (text.length() > 0) {
          parts.add(new Part(text.toString(), false));
          text.setLength(0);
        }
        parts.add(new Part(token, true));
      } else {
        text.append(words.getProperty("word." + token, token));
      }
      at = m.end();
    }
    text.append(summary == null ? "" : summary.substring(at));
    if (text.length() > 0) {
      parts.add(new Part(text.toString(), false));
    }
    return parts;
  }

  private static String text(List<Part> parts) {
    StringBuilder b = new StringBuilder();
    parts.forEach(p -> b.append(p.text()));
    return b.toString();
  }

  /** JSON indented two spaces; anything else as it is. */
  static String pretty(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    String d = detail.strip();
    if (!d.startsWith("{") && !d.startsWith("[")) {
      return detail;
    }
    try (var reader = Json.createReader(new StringReader(d))) {
      JsonStructure json = reader.read();
      StringWriter out = new StringWriter();
      try (var writer =
          Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
        writer.write(json);
      }
      return out.toString().strip();
    } catch (RuntimeException notJson) {
      return detail;
    }
  }
}
