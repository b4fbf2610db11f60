package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes a list answers: field order, escaping, a null next and an absent total. */
class ListPageTest {

  record Item(String id, long amount) {}

  private static final List<Item> ITEMS = List.of(new Item("a\"1", 100), new Item("b", 0));

  @Test
  void aPageIsItsItemsThenPageSizeAndTotal() {
    ListPage<Item> page = new ListPage<>(ITEMS, 2, 20, 123);

    assertThat(page.streamed(ListPageTest::write).toString())
        .isEqualTo(
            "{\"items\":[{\"id\":\"a\\\"1\",\"amount\":100},{\"id\":\"b\",\"amount\":0}],"
                + "\"page\":2,\"size\":20,\"total\":123}");
  }

  @Test
  void anEmptyPageHasAnEmptyArray() {
    ListPage<Item> page = new ListPage<>(List.of(), 0, 20, 0);

    assertThat(page.streamed(ListPageTest::write).toString())
        .isEqualTo("{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");
  }

  @Test
  void aTotalBeyondAnIntIsWrittenWhole() {
    ListPage<Item> page = new ListPage<>(List.of(), 0, 100, 3_000_000_000L);

    assertThat(page.streamed(ListPageTest::write).toString())
        .isEqualTo("{\"items\":[],\"page\":0,\"size\":100,\"total\":3000000000}");
  }

  @Test
  void aKeysetPageWithANextAndATotal() {
    var next = new ListCursor(Instant.parse("2026-12-05T10:15:30.123456Z"), "pay_1");
    KeysetPage<Item> page = new KeysetPage<>(ITEMS, 2, next, 7L);

    assertThat(page.streamed(ListPageTest::write, "status=").toString())
        .isEqualTo(
            "{\"items\":[{\"id\":\"a\\\"1\",\"amount\":100},{\"id\":\"b\",\"amount\":0}],"
                + "\"size\":2,\"next\":\""
                + next.encode("status=")
                + "\",\"total\":7}");
  }

  @Test
  void aLastKeysetPageHasANullNextAndNoTotalUnlessCounted() {
    assertThat(new KeysetPage<>(ITEMS, 20, null, null).streamed(ListPageTest::write, "").toString())
        .isEqualTo(
            "{\"items\":[{\"id\":\"a\\\"1\",\"amount\":100},{\"id\":\"b\",\"amount\":0}],"
                + "\"size\":20,\"next\":null}");
    assertThat(
            new KeysetPage<Item>(List.of(), 20, null, 0L)
                .streamed(ListPageTest::write, "")
                .toString())
        .isEqualTo("{\"items\":[],\"size\":20,\"next\":null,\"total\":0}");
  }

  private static void write(JsonGenerator json, Item item) {
    json.writeStartObject().write("id", item.id()).write("amount", item.amount()).writeEnd();
  }
}
