package com.stepup.gateway.platform;

import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One page of a keyset list: {@code {"items": [...], "size": 20, "next": "…"|null}}, and {@code
 * "total"} only when it was asked for. Unlike {@link ListPage} it has no page number and costs no
 * count: the next page is read from where this one stopped ({@link ListCursor}), so no item is
 * skipped or repeated when items are created between pages.
 *
 * @param next where the next page starts; null when this is the last
 * @param total the number of items the filters match, or null when it was not asked for
 */
public record KeysetPage<T>(List<T> items, int size, ListCursor next, Long total) {

  public KeysetPage {
    items = List.copyOf(items);
  }

  /**
   * The page of a query that read up to {@code size + 1} rows ({@code rows}, in order, each with
   * its cursor position by {@code position}): a row beyond {@code size} only says that there is a
   * next page, which starts after the last item kept.
   */
  public static <R, T> KeysetPage<T> of(
      List<R> rows, int size, Function<R, T> item, Function<R, ListCursor> position, Long total) {
    List<R> kept = rows.size() > size ? rows.subList(0, size) : rows;
    ListCursor next =
        rows.size() > size && !kept.isEmpty() ? position.apply(kept.get(kept.size() - 1)) : null;
    return new KeysetPage<>(kept.stream().map(item).toList(), size, next, total);
  }

  /**
   * The page as the JSON APIs answer it, written by a generator without a tree, {@code next} bound
   * to the request's {@code filters}: {@code {"items":[...],"size":20,"next":"…"|null}}, then
   * {@code "total"} when it was counted.
   */
  public StreamedJson streamed(BiConsumer<JsonGenerator, T> item, String filters) {
    return new StreamedJson(
        json -> {
          json.writeStartObject().writeStartArray("items");
          items.forEach(i -> item.accept(json, i));
          json.writeEnd().write("size", size);
          if (next == null) {
            json.writeNull("next");
          } else {
            json.write("next", next.encode(filters));
          }
          if (total != null) {
            json.write("total", total.longValue());
          }
          json.writeEnd();
        });
  }

  /** Size from a request, checked: 1 ≤ size ≤ 100 (default 20), as {@link ListPage#request}. */
  public static int size(Integer size) {
    int s = size == null ? 20 : size;
    if (s < 1 || s > ListPage.MAX_SIZE) {
      throw ApiProblem.invalid("size", "must be between 1 and " + ListPage.MAX_SIZE);
    }
    return s;
  }
}
