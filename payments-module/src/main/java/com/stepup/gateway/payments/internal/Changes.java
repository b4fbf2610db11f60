package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one decision of a {@link Payment} produced and the repository has not stored yet: timeline
 * lines, partner events, and money operations begun (or made by Klarna). The repository drains it
 * inside the transaction of the change, so each is written with the change or not at all.
 */
final class Changes {

  /** One timeline line, with the payment's status and request state then. */
  record Entry(
      Instant at,
      Kind kind,
      TimelineEvent event,
      List<TimelineArg> args,
      String detail,
      PaymentStatus status,
      PaymentRequestState requestState) {

    /** The line in English, as the partner API shows it. */
    String summary() {
      return event.english(args);
    }
  }

  /** A partner event ({@code payment.captured}, ...), with its operation. */
  record Notice(String type, MoneyOperation operation) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private final List<MoneyOperation> operations = new ArrayList<>();

  void entry(Entry e) {
    entries.add(e);
  }

  void notice(String type, MoneyOperation op) {
    notices.add(new Notice(type, op));
  }

  void operation(MoneyOperation op) {
    operations.add(op);
  }

  /** The entries recorded since the last call, and forgets them. */
  List<Entry> drainRecorded() {
    return drain(entries);
  }

  /** The partner events since the last call, and forgets them. */
  List<Notice> drainNotices() {
    return drain(notices);
  }

  /** The operations begun (or made by Klarna) since the last call, and forgets them. */
  List<MoneyOperation> drainBegun() {
    return drain(operations);
  }

  private static <T> List<T> drain(List<T> list) {
    List<T> out = List.copyOf(list);
    list.clear();
    return out;
  }
}
