package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payment's timeline as support staff read it: each entry's event code said with the words of the
 * bundle ({@code timeline.event.CODE}) and its values put in, Klarna's enum words among the values
 * turned into words ("PARTNER_CANCELED" is "canceled by the partner"), other payments' ids as links
 * (the superseding sale), raw JSON indented, and a run of identical rows shown once with its count.
 * An entry written before the timeline was typed has no code: its stored summary is shown, its
 * Klarna words and ids treated the same way.
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
          && last.text().equals(text(parts(e, words, self)))
          && Objects.equals(last.detail(), pretty(e.detail()))) {
        rows.set(
            rows.size() - 1,
            new Row(last.at(), e.at(), last.times() + 1, last.kind(), last.parts(), last.detail()));
        continue;
      }
      rows.add(new Row(e.at(), e.at(), 1, e.kind(), parts(e, words, self), pretty(e.detail())));
    }
    return rows;
  }

  /** The entry in the bundle's words: its code's pattern with its values put in. */
  static List<Part> parts(TimelineEntry e, Properties words, String self) {
    if (e.event() == null) {
      return parts(e.summary(), words, self);
    }
    String pattern = words.getProperty("timeline.event." + e.event().name());
    if (pattern == null) {
      return parts(e.summary(), words, self);
    }
    Object[] marks = new Object[e.args().size()];
    for (int i = 0; i < marks.length; i++) {
      marks[i] = MARK + i + MARK;
    }
    String marked = new MessageFormat(pattern, Locale.ENGLISH).format(marks);
    List<Part> parts = new ArrayList<>();
    String[] pieces = marked.split(MARK, -1);
    for (int i = 0; i < pieces.length; i++) {
      if (i % 2 == 0) {
        add(parts, new Part(pieces[i], false));
      } else {
        TimelineArg arg = e.args().get(Integer.parseInt(pieces[i]));
        if (arg instanceof TimelineArg.Amount a) {
          add(parts, new Part(Amounts.format(a.minor(), a.currency()), false));
        } else {
          parts(arg.english(), words, self).forEach(p -> add(parts, p));
        }
      }
    }
    return parts;
  }

  /** Where a value goes while a pattern is formatted (a character no pattern or value holds). */
  private static final String MARK = "\u0000";

  /** Adds a part, joining text to the text before it. */
  private static void add(List<Part> parts, Part part) {
    if (part.text().isEmpty()) {
      return;
    }
    Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
    if (last != null && !last.payment() && !part.payment()) {
      parts.set(parts.size() - 1, new Part(last.text() + part.text(), false));
    } else {
      parts.add(part);
    }
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
