package com.stepup.sandbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /v4/payment/disputes} (KLARNA-API.md §11.1): the query's filters, {@code sort_by} and
 * cursor, checked as strictly as Klarna does, and the page they select.
 */
final class DisputeList {

  static final List<String> STATES =
      Arrays.stream(DisputeState.values()).map(DisputeState::name).toList();

  static final List<String> SORTS = List.of("created_at", "-created_at", "closed_at", "-closed_at");

  private DisputeList() {}

  /** {@code GET /v4/payment/disputes}: the filters, {@code sort_by} and the cursor (§11.1). */
  static Query parse(Map<String, List<String>> query) {
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    List<String> orderIds = many(query, "order_ids", 100, null, invalid);
    List<String> transactionIds = many(query, "payment_transaction_ids", 100, null, invalid);
    List<String> states = many(query, "state", 100, STATES, invalid);
    List<String> reasons = many(query, "reason", 10, Dispute.REASONS, invalid);
    List<String> references = many(query, "purchase_references", 10, null, invalid);
    List<String> sorts = many(query, "sort_by", 10, SORTS, invalid);
    Instant createdStart = time(query, "created_at_start", invalid);
    Instant createdEnd = time(query, "created_at_end", invalid);
    Instant closedStart = time(query, "closed_at_start", invalid);
    Instant closedEnd = time(query, "closed_at_end", invalid);
    Instant updatedStart = time(query, "updated_at_start", invalid);
    Instant updatedEnd = time(query, "updated_at_end", invalid);
    int size = 20;
    String sizeText = first(query, "size");
    if (sizeText != null) {
      try {
        size = Integer.parseInt(sizeText);
        if (size < 1 || size > 100) {
          invalid.add(new KlarnaError.Invalid("size", "must be 1 to 100"));
        }
      } catch (NumberFormatException e) {
        invalid.add(new KlarnaError.Invalid("size", "must be an integer"));
      }
    }
    String after = first(query, "starting_after");
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Predicate<Dispute> keep =
        d ->
            (orderIds.isEmpty() || orderIds.contains(d.orderId()))
                && (transactionIds.isEmpty() || transactionIds.contains(d.transaction.id))
                && (states.isEmpty() || states.contains(d.state.name()))
                && (reasons.isEmpty() || reasons.contains(d.reason))
                && (references.isEmpty() || references.contains(d.transaction.reference))
                && within(d.createdAt, createdStart, createdEnd)
                && within(d.closedAt, closedStart, closedEnd)
                && within(d.updatedAt, updatedStart, updatedEnd);
    Comparator<Dispute> order = Comparator.comparing((Dispute d) -> d.createdAt).reversed();
    if (!sorts.isEmpty()) {
      order = null;
      for (String s : sorts) {
        Comparator<Dispute> by =
            s.endsWith("closed_at")
                ? Comparator.comparing(
                    (Dispute d) -> d.closedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                : Comparator.comparing((Dispute d) -> d.createdAt);
        if (s.startsWith("-")) {
          by = by.reversed();
        }
        order = order == null ? by : order.thenComparing(by);
      }
    }
    order = order.thenComparing(d -> d.id);
    return new Query(keep, order, size, after);
  }

  /** A valid query: which disputes, in which order, and the page asked for. */
  record Query(Predicate<Dispute> keep, Comparator<Dispute> order, int size, String after) {

    /** The page of {@code disputes} the query asks for, with Klarna's pagination. */
    JsonObject page(Collection<Dispute> disputes) {
      List<Dispute> all = disputes.stream().filter(keep).sorted(order).toList();
      int from = 0;
      if (after != null) {
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).id.equals(after)) {
            at = i;
          }
        }
        if (at < 0) {
          throw KlarnaError.validation("starting_after", "is not an item of this list");
        }
        from = at + 1;
      }
      List<Dispute> page = all.subList(from, Math.min(all.size(), from + size));
      JsonArrayBuilder items = Json.createArrayBuilder();
      page.forEach(d -> items.add(DisputeJson.toJson(d)));
      boolean more = from + page.size() < all.size();
      var pagination =
          Json.createObjectBuilder().add("count", page.size()).add("total", all.size());
      if (page.isEmpty()) {
        pagination.add("first_item", JsonValue.NULL);
      } else {
        pagination.add("first_item", page.get(0).id);
      }
      if (more) {
        pagination
            .add("last_item", page.get(page.size() - 1).id)
            .add(
                "links",
                Json.createObjectBuilder()
                    .add(
                        "next",
                        Json.createObjectBuilder()
                            .add(
                                "href",
                                "/v4/payment/disputes?starting_after="
                                    + page.get(page.size() - 1).id
                                    + "&size="
                                    + size)
                            .add("method", "GET")
                            .add("rel", "next")));
      } else {
        pagination.add("last_item", JsonValue.NULL);
      }
      return Json.createObjectBuilder()
          .add("disputes", items)
          .add("pagination", pagination)
          .build();
    }
  }

  private static boolean within(Instant at, Instant start, Instant end) {
    if (start == null && end == null) {
      return true;
    }
    return at != null
        && (start == null || !at.isBefore(start))
        && (end == null || at.isBefore(end));
  }

  /** A query list, under its name with or without {@code []}, each value also comma-separated. */
  private static List<String> many(
      Map<String, List<String>> query,
      String name,
      int max,
      List<String> allowed,
      List<KlarnaError.Invalid> invalid) {
    List<String> values = new ArrayList<>();
    for (String key : List.of(name, name + "[]")) {
      for (String v : query.getOrDefault(key, List.of())) {
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            values.add(part.strip());
          }
        }
      }
    }
    if (values.size() > max) {
      invalid.add(new KlarnaError.Invalid(name, "at most " + max + " values"));
    }
    if (allowed != null) {
      for (String v : values) {
        if (!allowed.contains(v)) {
          invalid.add(new KlarnaError.Invalid(name, v + " is not one of " + allowed));
        }
      }
    }
    return values;
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Instant time(
      Map<String, List<String>> query, String name, List<KlarnaError.Invalid> invalid) {
    String v = first(query, name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      invalid.add(new KlarnaError.Invalid(name, "must be an RFC 3339 date-time"));
      return null;
    }
  }
}
