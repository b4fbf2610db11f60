package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One line of a payment's timeline, written in the transaction of what it records. */
@Entity
@Table(name = "payment_event")
class PaymentEvent {

  /**
   * From {@code payment_event_seq}, taken under the payment's row lock by the repository for all of
   * a change's lines in one statement ({@link #NEXT_IDS}), so a payment's lines are in id order.
   */
  @Id long id;

  @Column(name = "payment_id", nullable = false)
  String paymentId;

  @Column(nullable = false)
  Instant at;

  @Column(nullable = false)
  String kind;

  @Column(nullable = false)
  String summary;

  /** The event's code; null on lines written before the timeline was typed. */
  String event;

  /** The event's values, as JSON (see {@link #argsJson}). */
  String args;

  String detail;

  @Column(nullable = false)
  String status;

  @Column(name = "pr_state")
  String prState;

  /**
   * The next {@code ?1} ids of the timeline, in one statement: the same SQL on H2 and PostgreSQL.
   * (A sequence's preallocated block would not do: each gateway instance would hold its own, and a
   * payment changed on two instances would get its lines out of order.)
   */
  static final String NEXT_IDS = "SELECT nextval('payment_event_seq') FROM generate_series(1, ?1)";

  protected PaymentEvent() {}

  PaymentEvent(long id, String paymentId, Changes.Entry entry) {
    this.id = id;
    this.paymentId = paymentId;
    this.at = entry.at();
    this.kind = entry.kind().name();
    this.event = entry.event().name();
    this.args = argsJson(entry.args());
    String english = entry.summary();
    this.summary = english.length() > 500 ? english.substring(0, 500) : english;
    this.detail = entry.detail();
    this.status = entry.status().name();
    this.prState = entry.requestState() == null ? null : entry.requestState().name();
  }

  TimelineEntry view() {
    TimelineEvent code = event == null ? null : TimelineEvent.valueOf(event);
    List<TimelineArg> values = code == null ? List.of() : args(args);
    return new TimelineEntry(
        id,
        at,
        TimelineEntry.Kind.valueOf(kind),
        code,
        values,
        code == null ? summary : code.english(values),
        detail,
        PaymentStatus.valueOf(status),
        prState == null ? null : PaymentRequestState.valueOf(prState));
  }

  /** {@code [{"text":"pay_1"},{"minor":4000,"currency":"USD"}]}; a text is cut at 500 chars. */
  static String argsJson(List<TimelineArg> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (TimelineArg a : values) {
      if (a instanceof TimelineArg.Amount m) {
        array.add(Json.createObjectBuilder().add("minor", m.minor()).add("currency", m.currency()));
      } else {
        String t = a.english();
        array.add(
            Json.createObjectBuilder().add("text", t.length() > 500 ? t.substring(0, 500) : t));
      }
    }
    return array.build().toString();
  }

  static List<TimelineArg> args(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<TimelineArg> values = new ArrayList<>();
    try (var reader = Json.createReader(new StringReader(json))) {
      for (JsonValue v : reader.readArray()) {
        JsonObject o = v.asJsonObject();
        values.add(
            o.containsKey("text")
                ? TimelineArg.text(o.getString("text"))
                : TimelineArg.amount(
                    o.getJsonNumber("minor").longValueExact(), o.getString("currency")));
      }
    }
    return values;
  }
}
