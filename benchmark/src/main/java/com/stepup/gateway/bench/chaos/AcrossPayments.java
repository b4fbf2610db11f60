package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.GroundTruth.Violation;
import com.stepup.gateway.bench.chaos.Ledger.Op;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link GroundTruth} rules that span payments: one create makes one payment; every payment
 * answered exists; a replay answers the same operation; every Klarna transaction is one of ours.
 */
final class AcrossPayments {

  private final Ledger ledger;
  private final Quiet.Result q;
  private final List<Violation> v;

  /** Each violation found is added to {@code v}. */
  AcrossPayments(Ledger ledger, Quiet.Result q, List<Violation> v) {
    this.ledger = ledger;
    this.q = q;
    this.v = v;
  }

  private void add(String paymentId, String rule, String detail) {
    v.add(new Violation(paymentId, rule, detail));
  }

  void oneCreateOnePayment(Map<String, List<String>> paymentsByReference) {
    paymentsByReference.forEach(
        (reference, ids) -> {
          if (ids.size() > 1) {
            add(
                String.join(", ", ids),
                "one operation per Idempotency-Key",
                "one create (reference " + reference + ") made " + ids.size() + " payments");
          }
        });
  }

  void everyAnsweredPaymentExists(List<Op> ops, Map<String, List<String>> paymentsByReference) {
    for (Op o : ops) {
      if (o.kind().startsWith("create")
          && o.status() == 201
          && !paymentsByReference.containsKey(o.reference())) {
        add(
            String.valueOf(o.objectId()),
            "every answered payment exists",
            "answered 201 for " + o.reference() + "; the gateway lists no such payment");
      }
    }
  }

  /** Each answered call of one kind and one key names one payment, capture or refund. */
  void aReplayAnswersTheSameOperation(List<Op> ops) {
    Map<String, Set<String>> idsByKey = new HashMap<>();
    Map<String, String> paymentOfKey = new HashMap<>();
    for (Op o : ops) {
      if (o.key() == null || o.objectId() == null) {
        continue;
      }
      if (o.status() < 300 || o.kind().startsWith("create")) {
        String key = o.kind().replace(" (two at once)", "") + " " + o.key();
        idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(o.objectId());
        paymentOfKey.put(key, String.valueOf(o.paymentId()));
      }
    }
    idsByKey.forEach(
        (key, ids) -> {
          if (ids.size() > 1) {
            add(
                paymentOfKey.get(key),
                "a replay answers the same operation",
                "Idempotency-Key " + key + " answered " + ids);
          }
        });
  }

  void everyKlarnaTransactionIsOurs() {
    q.transactions()
        .forEach(
            (reference, txs) -> {
              if (reference.startsWith("pay_")
                  && !q.payments().containsKey(reference)
                  && ledger.ops.stream().anyMatch(o -> reference.equals(o.paymentId()))) {
                add(
                    reference,
                    "every Klarna effect known",
                    "Klarna holds a transaction for a payment the gateway does not list");
              }
            });
  }
}
