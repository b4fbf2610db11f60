package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void blocksAreSeparatedByOneBlankLineAndTheTextEndsWithOneNewline() {
    String md =
        new MarkdownReport("Title")
            .paragraph("Written ", "by ", "me.")
            .bullets("one", "two")
            .heading("Part")
            .table(MarkdownReport.Table.text("what").numbers("count").row("x", 1))
            .paragraph("The end.")
            .toString();

    assertThat(md)
        .isEqualTo(
            """
            # Title

            Written by me.

            - one
            - two

            ## Part

            | what | count |
            | --- | ---: |
            | x | 1 |

            The end.
            """);
  }

  @Test
  void textColumnsAreLeftAlignedAndNumberColumnsRight() {
    String table =
        MarkdownReport.Table.text("a", "b").numbers("c", "d").row("1", "2", "3", "4").toString();

    assertThat(table)
        .isEqualTo("| a | b | c | d |\n| --- | --- | ---: | ---: |\n| 1 | 2 | 3 | 4 |\n");
  }

  @Test
  void aTableOfNumbersOnly() {
    assertThat(MarkdownReport.Table.text().numbers("n").row(List.of("7")).toString())
        .isEqualTo("| n |\n| ---: |\n| 7 |\n");
  }

  @Test
  void aPipeInACellIsEscapedSoTheRowKeepsItsColumns() {
    assertThat(MarkdownReport.Table.text("detail").row("a | b").toString())
        .endsWith("| a \\| b |\n");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    MarkdownReport.Table table = MarkdownReport.Table.text("a").numbers("b");

    assertThatThrownBy(() -> table.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row of 1 cells in a table of 2 columns");
    assertThat(table.size()).isZero();
  }

  @Test
  void cellsAreWrittenAsTheirText() {
    assertThat(MarkdownReport.Table.text("k").numbers("v").row("x", 1.5).toString())
        .endsWith("| x | 1.5 |\n");
  }
}
