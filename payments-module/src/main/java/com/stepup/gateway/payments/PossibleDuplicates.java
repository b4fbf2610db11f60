package com.stepup.gateway.payments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Charged twice?" (issue 29): two authorized payments of the same amount and currency on the same
 * terminal within {@link #WINDOW} of each other are possibly one sale taken twice. Only flagged,
 * never acted on: a shop may well sell two of the same thing a minute apart.
 */
public final class PossibleDuplicates {

  /** How close together two identical sales must be to be flagged. */
  public static final Duration WINDOW = Duration.ofMinutes(2);

  private PossibleDuplicates() {}

  /**
   * For each payment, the ids of the others it may duplicate (only payments with one appear).
   *
   * @param payments the payments to look at together (a terminal's sales around the ones asked)
   */
  public static Map<String, List<String>> among(Collection<PaymentView> payments) {
    List<PaymentView> sales =
        payments.stream()
            .filter(p -> p.status() == PaymentStatus.AUTHORIZED && p.terminalId() != null)
            .sorted(Comparator.comparing(PaymentView::createdAt))
            .toList();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < sales.size(); i++) {
      PaymentView a = sales.get(i);
      for (int j = i + 1; j < sales.size(); j++) {
        PaymentView b = sales.get(j);
        if (Duration.between(a.createdAt(), b.createdAt()).compareTo(WINDOW) > 0) {
          break; // sorted: every later one is further away
        }
        if (a.amount() == b.amount()
            && Objects.equals(a.currency(), b.currency())
            && a.terminalId().equals(b.terminalId())) {
          out.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(b.id());
          out.computeIfAbsent(b.id(), k -> new ArrayList<>()).add(a.id());
        }
      }
    }
    return out;
  }
}
