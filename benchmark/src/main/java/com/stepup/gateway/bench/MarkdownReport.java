package com.stepup.gateway.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Markdown document as a list of blocks (a title, a heading, a paragraph, a bullet list, a
 * table), one blank line between two blocks: the shape of every report in {@code docs/benchmark/},
 * written in one place. {@code new MarkdownReport("Benchmark
 * results").paragraph("…").table(table)}.
 */
public final class MarkdownReport {

  private final List<String> blocks = new ArrayList<>();

  /** A document that starts with {@code # title}. */
  public MarkdownReport(String title) {
    blocks.add("# " + title + "\n");
  }

  /** A second-level heading ({@code ## heading}). */
  public MarkdownReport heading(String heading) {
    blocks.add("## " + heading + "\n");
    return this;
  }

  /** One paragraph, its parts written one after the other. */
  public MarkdownReport paragraph(String... parts) {
    blocks.add(String.join("", parts) + "\n");
    return this;
  }

  /** A bullet list, one {@code - item} a line. */
  public MarkdownReport bullets(List<String> items) {
    blocks.add(items.stream().map(i -> "- " + i + "\n").collect(Collectors.joining()));
    return this;
  }

  public MarkdownReport bullets(String... items) {
    return bullets(Arrays.asList(items));
  }

  public MarkdownReport table(Table table) {
    blocks.add(table.toString());
    return this;
  }

  @Override
  public String toString() {
    return String.join("\n", blocks);
  }

  /** {@code template} filled as {@link String#format} does, the same in every locale. */
  public static String text(String template, Object... args) {
    return String.format(Locale.ROOT, template, args);
  }

  /**
   * A table: text columns (left-aligned) then number columns (right-aligned). A {@code |} inside a
   * cell is escaped, so a cell never splits the row.
   */
  public static final class Table {
    private final List<String> columns = new ArrayList<>();
    private final List<String> alignments = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    private Table() {}

    /** A table that starts with these left-aligned columns (none for an all-number table). */
    public static Table text(String... names) {
      Table t = new Table();
      for (String name : names) {
        t.columns.add(name);
        t.alignments.add("---");
      }
      return t;
    }

    /** Right-aligned columns after the ones so far. */
    public Table numbers(String... names) {
      for (String name : names) {
        columns.add(name);
        alignments.add("---:");
      }
      return this;
    }

    /** A row of one cell per column. */
    public Table row(List<String> cells) {
      if (cells.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + cells.size() + " cells in a table of " + columns.size() + " columns");
      }
      rows.add(List.copyOf(cells));
      return this;
    }

    public Table row(Object... cells) {
      return row(Stream.of(cells).map(String::valueOf).toList());
    }

    public int size() {
      return rows.size();
    }

    @Override
    public String toString() {
      StringBuilder md = new StringBuilder(line(columns)).append(line(alignments));
      rows.forEach(r -> md.append(line(r.stream().map(c -> c.replace("|", "\\|")).toList())));
      return md.toString();
    }

    private static String line(List<String> cells) {
      return "| " + String.join(" | ", cells) + " |\n";
    }
  }
}
