package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCursorTest {

  static final String FILTERS = "reference=\nstatus=authorized";

  @Test
  void aCursorReadsBackToTheSamePositionToTheMicrosecondAndBeyond() {
    var at = Instant.parse("2026-12-05T21:59:37.123456789Z");
    var cursor = new ListCursor(at, "pay_8kbXOlr60NcFmDH120Bm9w");

    String text = cursor.encode(FILTERS);

    assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("pay_").hasSizeLessThan(100);
    assertThat(ListCursor.decode(text, FILTERS, "after")).isEqualTo(cursor);
  }

  @Test
  void anIdMayHoldTheSeparatorAndTimesBeforeTheEpochSurvive() {
    var cursor = new ListCursor(Instant.parse("1969-12-31T23:59:59.5Z"), "a|b|c");
    assertThat(ListCursor.decode(cursor.encode(""), "", "after")).isEqualTo(cursor);
  }

  @Test
  void aCursorGivenForOtherFiltersIsRefusedNamingTheParameter() {
    String text = new ListCursor(Instant.EPOCH, "pay_1").encode(FILTERS);

    ApiProblem refused =
        catchThrowableOfType(
            () -> ListCursor.decode(text, "reference=\nstatus=declined", "after"),
            ApiProblem.class);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("after");
              assertThat(e.message()).contains("other filters");
            });
  }

  @Test
  void garbledUnknownOrOversizedTextIsNotACursor() {
    String good = new ListCursor(Instant.EPOCH, "pay_1").encode(FILTERS);
    String fp = ListCursor.fingerprint(FILTERS);
    for (String bad :
        List.of(
            "nope!",
            "bm9wZQ",
            good.substring(0, good.length() - 3),
            good + "=" + good,
            checked("2|0|0|" + fp + "|pay_1"),
            checked("1|x|0|" + fp + "|pay_1"),
            checked("1|0|1000000000|" + fp + "|pay_1"),
            checked("1|99999999999999999999|0|" + fp + "|pay_1"),
            checked("1|0|0|" + fp + "|"),
            checked("1|0|0|" + fp),
            b64("1|0|0|" + fp + "|pay_2|" + ListCursor.digest("1|0|0|" + fp + "|pay_1", 6)),
            "A".repeat(ListCursor.MAX_LENGTH + 1))) {
      ApiProblem refused =
          catchThrowableOfType(() -> ListCursor.decode(bad, FILTERS, "after"), ApiProblem.class);
      assertThat(refused).as(bad).isNotNull();
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.field()).isEqualTo("after");
                assertThat(e.message()).contains("not a cursor");
              });
    }
  }

  @Test
  void aFullPageSaysWhereTheNextStartsAndTheLastSaysNothing() {
    var rows =
        List.of(
            new ListCursor(Instant.ofEpochSecond(30), "c"),
            new ListCursor(Instant.ofEpochSecond(20), "b"),
            new ListCursor(Instant.ofEpochSecond(10), "a"));

    KeysetPage<String> more = KeysetPage.of(rows, 2, ListCursor::id, r -> r, null);
    assertThat(more.items()).containsExactly("c", "b");
    assertThat(more.next()).isEqualTo(rows.get(1));
    assertThat(text(more, FILTERS))
        .isEqualTo(
            "{\"items\":[\"c\",\"b\"],\"size\":2,\"next\":\""
                + rows.get(1).encode(FILTERS)
                + "\"}");

    KeysetPage<String> last = KeysetPage.of(rows, 3, ListCursor::id, r -> r, 3L);
    assertThat(last.items()).containsExactly("c", "b", "a");
    assertThat(last.next()).isNull();
    assertThat(text(last, FILTERS))
        .isEqualTo("{\"items\":[\"c\",\"b\",\"a\"],\"size\":3,\"next\":null,\"total\":3}");

    assertThat(KeysetPage.of(List.<ListCursor>of(), 20, ListCursor::id, r -> r, null).next())
        .isNull();
  }

  @Test
  void theNextCursorOnTheWireReadsBackWithTheSameFilters() {
    var rows =
        List.of(
            new ListCursor(Instant.ofEpochSecond(30, 123_000), "c"),
            new ListCursor(Instant.ofEpochSecond(20), "b"));
    String text = text(KeysetPage.of(rows, 1, ListCursor::id, r -> r, null), "f");
    String next = Json.createReader(new StringReader(text)).readObject().getString("next");
    assertThat(ListCursor.decode(next, "f", "after")).isEqualTo(rows.get(0));
  }

  @Test
  void aSizeOutsideOneToAHundredIsRefused() {
    assertThat(KeysetPage.size(null)).isEqualTo(20);
    assertThat(KeysetPage.size(100)).isEqualTo(100);
    for (int bad : new int[] {0, -1, 101}) {
      assertThat(catchThrowableOfType(() -> KeysetPage.size(bad), ApiProblem.class).errors())
          .singleElement()
          .satisfies(e -> assertThat(e.field()).isEqualTo("size"));
    }
  }

  /** A text with a right check digest: refused for what it says, not for being garbled. */
  private static String checked(String text) {
    return b64(text + "|" + ListCursor.digest(text, 6));
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The page as a list answers it, its items written as strings. */
  private static String text(KeysetPage<String> page, String filters) {
    return page.streamed((json, item) -> json.write(item), filters).toString();
  }
}
