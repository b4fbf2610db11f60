package com.stepup.gateway.platform;

import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One page of a list: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record ListPage<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 100;

  /** Deeper than this, a list is searched with filters, not paged through. */
  public static final int MAX_PAGE = 100_000;

  /** The first row of {@code page}: computed in long, so no page number can overflow it. */
  public static int offset(int page, int size) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0L, (long) page) * Math.max(0, size));
  }

  public <R> ListPage<R> map(Function<T, R> f) {
    return new ListPage<>(items.stream().map(f).toList(), page, size, total);
  }

  /**
   * The list as the JSON APIs answer it, written by a generator without a tree: {@code
   * {"items":[...],"page":0,"size":20,"total":123}}, {@code item} writing one item's object.
   */
  public StreamedJson streamed(BiConsumer<JsonGenerator, T> item) {
    return new StreamedJson(
        json -> {
          json.writeStartObject().writeStartArray("items");
          items.forEach(i -> item.accept(json, i));
          json.writeEnd().write("page", page).write("size", size).write("total", total).writeEnd();
        });
  }

  public int pages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }

  /** Page and size from a request, checked: page ≥ 0, 1 ≤ size ≤ 100 (default 20). */
  public static int[] request(Integer page, Integer size) {
    int p = page == null ? 0 : page;
    int s = size == null ? 20 : size;
    if (p < 0 || p > MAX_PAGE) {
      throw ApiProblem.invalid("page", "must be from 0 to " + MAX_PAGE);
    }
    if (s < 1 || s > MAX_SIZE) {
      throw ApiProblem.invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new int[] {p, s};
  }
}
