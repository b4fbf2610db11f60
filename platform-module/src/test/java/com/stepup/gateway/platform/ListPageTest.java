package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page streamed by a generator is the page its tree would have written, to the byte. */
class ListPageTest {

  record Item(String id, long amount) {}

  private static final List<Item> ITEMS = List.of(new Item("a\"1", 100), new Item("b", 0));

  @Test
  void aStreamedPageIsItsTreeToTheByte() {
    ListPage<Item> page = new ListPage<>(ITEMS, 2, 20, 123);

    assertThat(page.streamed(ListPageTest::write).toString())
        .isEqualTo(page.toJson(ListPageTest::tree).toString());
  }

  @Test
  void anEmptyPageToo() {
    ListPage<Item> page = new ListPage<>(List.of(), 0, 20, 0);

    assertThat(page.streamed(ListPageTest::write).toString())
        .isEqualTo(page.toJson(ListPageTest::tree).toString())
        .isEqualTo("{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");
  }

  @Test
  void aStreamedKeysetPageIsItsTreeWithAndWithoutNextAndTotal() {
    var next = new ListCursor(Instant.parse("2026-12-05T10:15:30.123456Z"), "pay_1");
    for (KeysetPage<Item> page :
        List.of(
            new KeysetPage<>(ITEMS, 2, next, 7L),
            new KeysetPage<>(ITEMS, 20, null, null),
            new KeysetPage<Item>(List.of(), 20, null, 0L))) {
      assertThat(page.streamed(ListPageTest::write, "status=").toString())
          .isEqualTo(page.toJson(ListPageTest::tree, "status=").toString());
    }
  }

  private static void write(JsonGenerator json, Item item) {
    json.writeStartObject().write("id", item.id()).write("amount", item.amount()).writeEnd();
  }

  private static JsonObject tree(Item item) {
    return Json.createObjectBuilder().add("id", item.id()).add("amount", item.amount()).build();
  }
}
