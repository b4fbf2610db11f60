package com.stepup.gateway.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Everything the run did and every answer it got, for the ground-truth comparison and the report.
 */
final class Ledger {

  /** A payment the run asked for, known by its reference until an answer names its id. */
  static final class Pay {
    final String reference;
    final String kind;
    final long amount;
    final int worker;
    final String terminal;
    volatile String id;
    volatile String requestId;

    /** The payment's status in the latest answer that carried it. */
    volatile String status;

    /** The request's state as the run last saw it at the sandbox (or from the create). */
    volatile String requestState;

    /** The sandbox answered the run's "complete" with COMPLETED. */
    volatile boolean completedByShopper;

    Pay(String reference, String kind, long amount, int worker, String terminal) {
      this.reference = reference;
      this.kind = kind;
      this.amount = amount;
      this.worker = worker;
      this.terminal = terminal;
    }
  }

  /**
   * One partner call and its answer. {@code objectId}: the payment (creates), capture or refund id
   * the answer named, or null.
   */
  record Op(
      String kind,
      String reference,
      String paymentId,
      String key,
      boolean replay,
      int status,
      String label,
      String bodyStatus,
      String objectId,
      long atMillis,
      String note) {}

  /** A shopper action at the sandbox. */
  record Shopper(
      String reference, String requestId, String action, int status, String state, long atMillis) {}

  /** A fault switched on at the sandbox. */
  record Fault(String operation, String kind, int times, long delayMs, long atMillis) {}

  final Map<String, Pay> byReference = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Shopper> shopper = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

  void add(Pay p) {
    byReference.put(p.reference, p);
  }

  void record(Op op) {
    ops.add(op);
  }

  List<Op> ops() {
    return new ArrayList<>(ops);
  }
}
