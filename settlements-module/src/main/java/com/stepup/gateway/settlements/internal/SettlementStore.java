package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute;
import com.stepup.gateway.klarna.KlarnaSettlements;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.UtcTimestamp;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.settlements.FeePlanView;
import com.stepup.gateway.settlements.PayoutLineView;
import com.stepup.gateway.settlements.PayoutView;
import com.stepup.gateway.settlements.ReconciliationAutoResolved;
import com.stepup.gateway.settlements.ReconciliationItemView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores payouts, their lines and the reconciliation items, each change in one short transaction
 * (never across a Klarna call). A page of lines, the items it opens and the items it settles are
 * written together, so an import stopped at any point resumes after the last page stored and opens
 * nothing twice.
 */
@ApplicationScoped
@Transactional
class SettlementStore {

  @PersistenceContext(unitName = "settlements")
  EntityManager em;

  /** Each item the import resolves, told in its transaction (the audit log records it). */
  @Inject Event<ReconciliationAutoResolved> autoResolved;

  /** What the import needs to know of a stored payout. */
  record Stored(String id, boolean complete, int lineCount) {}

  /** What a page of lines did. */
  record PageResult(int lines, int opened, int resolved) {}

  // -- the import's lease: one import at a time across instances

  /** Takes the import's row lock and, if no other instance holds a live lease, takes the lease. */
  boolean claim(String owner, Instant now, Duration lease) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT lease_owner, lease_until FROM settlement_import WHERE id = 1 FOR UPDATE")
                .getSingleResult();
    OffsetDateTime until = asTime(row[1]);
    var held = new ImportLease((String) row[0], until == null ? null : until.toInstant());
    if (held.keeps(owner, now)) {
      return false;
    }
    em.createNativeQuery(
            "UPDATE settlement_import SET lease_owner = ?, lease_until = ? WHERE id = 1")
        .setParameter(1, owner)
        .setParameter(2, UtcTimestamp.of(now.plus(lease)))
        .executeUpdate();
    return true;
  }

  void release(String owner, Instant now, String failure) {
    em.createNativeQuery(
            "UPDATE settlement_import SET lease_owner = NULL, lease_until = NULL,"
                + (failure == null
                    ? " last_success_at = ?, last_failure = NULL"
                    : " last_failure = ?")
                + " WHERE id = 1 AND lease_owner = ?")
        .setParameter(1, failure == null ? UtcTimestamp.of(now) : trim(failure, 1000))
        .setParameter(2, owner)
        .executeUpdate();
  }

  Optional<Instant> capturesCheckedUntil() {
    Object v =
        em.createNativeQuery("SELECT captures_checked_until FROM settlement_import WHERE id = 1")
            .getSingleResult();
    return Optional.ofNullable(asTime(v)).map(OffsetDateTime::toInstant);
  }

  // -- payouts and lines

  Optional<Stored> stored(String reference) {
    return em.createQuery(
            "select p from Payout p where p.klarnaPaymentReference = :r", Payout.class)
        .setParameter("r", reference)
        .getResultStream()
        .findFirst()
        .map(p -> new Stored(p.id, p.complete, p.lineCount));
  }

  /**
   * The newest payout's date: the first row ordered by it, not {@code max(p.payoutDate)} (on
   * PostgreSQL EclipseLink hands an aggregate over a converted time column to the converter as a
   * {@code java.sql.Timestamp}, which it cannot take).
   */
  Optional<Instant> newestPayoutDate() {
    return em.createQuery(
            "select p.payoutDate from Payout p order by p.payoutDate desc", Instant.class)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  String begin(KlarnaSettlements.Payout klarna, String merchantId, Instant now) {
    Payout p =
        Payout.begin(
            Ids.next("po"),
            merchantId,
            klarna.partnerAccountId(),
            klarna.paymentReference(),
            klarna.payoutDate(),
            klarna.currency(),
            klarna.settlementAmount(),
            now);
    em.persist(p);
    return p.id;
  }

  /**
   * Stores one page of lines from {@code firstSeq} on, matched, with the items they open and the
   * {@code not_settled} items they settle. A page already stored (a second import racing past the
   * lease) is refused by the primary key, rolling the whole page back.
   */
  PageResult storeLines(
      String payoutId,
      int firstSeq,
      List<KlarnaSettlements.Transaction> lines,
      Map<String, KnownMove> known,
      Map<String, KnownDispute> disputes,
      LineMatching.FeePlan plan,
      Instant now) {
    Payout payout = em.find(Payout.class, payoutId, LockModeType.PESSIMISTIC_WRITE);
    if (payout.lineCount != firstSeq) {
      return new PageResult(0, 0, 0); // another import stored this page meanwhile
    }
    Set<String> settledBefore = settledBefore(known.values(), disputes.values());
    Set<String> salesHere = LineMatching.salesIn(lines, known, payout.merchantId);
    int opened = 0;
    int resolved = 0;
    int seq = firstSeq;
    for (KlarnaSettlements.Transaction t : lines) {
      var outcome =
          LineMatching.match(
              t,
              payout.merchantId,
              payout.currency,
              known,
              disputes,
              settledBefore,
              salesHere,
              plan);
      PayoutLine line = new PayoutLine(payoutId, seq++);
      line.type = t.type();
      line.detailedType = t.detailedType();
      line.amount = t.amount();
      line.klarnaCaptureId = t.captureId();
      line.klarnaRefundId = t.refundId();
      line.klarnaTransactionId = t.transactionId();
      line.klarnaDisputeId = t.disputeId();
      line.disputeId = outcome.disputeId();
      line.paymentId = outcome.paymentId();
      line.captureId = outcome.captureId();
      line.refundId = outcome.refundId();
      line.matched = outcome.matched();
      em.persist(line);
      payout.add(t.type(), t.amount());
      for (var item : outcome.items()) {
        em.persist(
            ReconciliationItem.open(Ids.next("rec"), payout.merchantId, item, payoutId, now));
        opened++;
      }
      if (outcome.settlesCapture() != null) {
        resolved += settle(outcome.settlesCapture(), outcome.paymentId(), payout.id, now);
      }
    }
    return new PageResult(lines.size(), opened, resolved);
  }

  void complete(String payoutId) {
    em.find(Payout.class, payoutId, LockModeType.PESSIMISTIC_WRITE).markComplete();
  }

  /**
   * Resolves the capture's open {@code not_settled} items and the {@code refund_before_capture}
   * items waiting for it (for a refund of no particular capture: for any SALE of its payment): a
   * payout settled it. Each is audited as a manual resolution is ({@link
   * ReconciliationAutoResolved}, in this transaction).
   */
  private int settle(String captureId, String paymentId, String payoutId, Instant now) {
    int n = 0;
    for (ReconciliationItem i :
        em.createQuery(
                "select i from ReconciliationItem i where i.state = 'open' and ((i.captureId = :c"
                    + " and i.kind in ('not_settled', 'refund_before_capture'))"
                    + " or (i.captureId is null and i.paymentId = :p"
                    + " and i.kind = 'refund_before_capture'))",
                ReconciliationItem.class)
            .setParameter("c", captureId)
            .setParameter("p", paymentId)
            .getResultList()) {
      String note = "settled in payout " + payoutId;
      i.resolve(note, ReconciliationItem.BY_IMPORT, now);
      autoResolved.fire(new ReconciliationAutoResolved(i.id, i.merchantId, i.kind, note));
      n++;
    }
    return n;
  }

  /**
   * What stored lines already settle, as {@link LineMatching}'s keys: these captures (by SALE), the
   * captures and payments these refunds and disputes are against (by SALE), these refunds (by
   * RETURN) and these disputes (by REVERSAL and DISPUTE_FEE).
   */
  private Set<String> settledBefore(
      Collection<KnownMove> moves, Collection<KnownDispute> disputes) {
    Set<String> settled = new HashSet<>();
    Set<String> captures = new HashSet<>();
    Set<String> payments = new HashSet<>();
    List<String> refunds = new ArrayList<>();
    for (KnownMove m : moves) {
      if (m.capture()) {
        captures.add(m.id());
      } else {
        refunds.add(m.id());
        if (m.captureId() != null) {
          captures.add(m.captureId());
        } else {
          payments.add(m.paymentId());
        }
      }
    }
    for (KnownDispute d : disputes) {
      if (d.captureId() != null) {
        captures.add(d.captureId());
      } else {
        payments.add(d.paymentId());
      }
    }
    for (List<String> chunk : chunks(captures)) {
      em.createQuery(
              "select l.captureId from PayoutLine l where l.type = 'SALE' and l.captureId in :c",
              String.class)
          .setParameter("c", chunk)
          .getResultList()
          .forEach(c -> settled.add(LineMatching.sale(c)));
    }
    for (List<String> chunk : chunks(payments)) {
      em.createQuery(
              "select l.paymentId from PayoutLine l where l.type = 'SALE' and l.paymentId in :p",
              String.class)
          .setParameter("p", chunk)
          .getResultList()
          .forEach(p -> settled.add(LineMatching.paymentSale(p)));
    }
    for (List<String> chunk : chunks(refunds)) {
      em.createQuery(
              "select l.refundId from PayoutLine l where l.type = 'RETURN' and l.refundId in :r",
              String.class)
          .setParameter("r", chunk)
          .getResultList()
          .forEach(r -> settled.add(LineMatching.returned(r)));
    }
    List<String> disputeIds = disputes.stream().map(KnownDispute::id).toList();
    for (List<String> chunk : chunks(disputeIds)) {
      em.createQuery(
              "select l.type, l.detailedType, l.disputeId from PayoutLine l"
                  + " where l.disputeId in :d",
              Object[].class)
          .setParameter("d", chunk)
          .getResultList()
          .forEach(
              r -> {
                if (((String) r[0]).startsWith("REVERSAL")) {
                  settled.add(LineMatching.reversal((String) r[2]));
                } else if ("DISPUTE_FEE".equals(r[1])) {
                  settled.add(LineMatching.disputeFee((String) r[2]));
                }
              });
    }
    return settled;
  }

  private static List<List<String>> chunks(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 500) {
      chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
    }
    return chunks;
  }

  /**
   * Opens {@code not_settled} for each capture no stored SALE settles and no open item names yet,
   * and moves the import's mark past them, in one transaction.
   */
  int notSettled(List<KnownMove> captures, Instant checkedUntil, Instant now) {
    int opened = 0;
    if (!captures.isEmpty()) {
      Set<String> ids = new HashSet<>(captures.stream().map(KnownMove::id).toList());
      Set<String> settled =
          new HashSet<>(
              em.createQuery(
                      "select l.captureId from PayoutLine l where l.type = 'SALE'"
                          + " and l.captureId in :c",
                      String.class)
                  .setParameter("c", ids)
                  .getResultList());
      settled.addAll(
          em.createQuery(
                  "select i.captureId from ReconciliationItem i where i.kind = 'not_settled'"
                      + " and i.captureId in :c",
                  String.class)
              .setParameter("c", ids)
              .getResultList());
      for (KnownMove c : captures) {
        if (settled.add(c.id())) {
          em.persist(
              ReconciliationItem.open(
                  Ids.next("rec"),
                  c.merchantId(),
                  new LineMatching.NewItem(
                      "not_settled",
                      c.paymentId(),
                      c.id(),
                      null,
                      c.klarnaId(),
                      c.currency(),
                      c.amount(),
                      null),
                  null,
                  now));
          opened++;
        }
      }
    }
    em.createNativeQuery("UPDATE settlement_import SET captures_checked_until = ? WHERE id = 1")
        .setParameter(1, UtcTimestamp.of(checkedUntil))
        .executeUpdate();
    return opened;
  }

  // -- reads

  ListPage<PayoutView> payouts(
      String merchantId, Instant from, Instant to, String currency, int page, int size) {
    StringBuilder where = new StringBuilder(" where p.complete = true");
    Map<String, Object> params = new LinkedHashMap<>();
    if (merchantId != null) {
      where.append(" and p.merchantId = :m");
      params.put("m", merchantId);
    }
    if (from != null) {
      where.append(" and p.payoutDate >= :from");
      params.put("from", from);
    }
    if (to != null) {
      where.append(" and p.payoutDate <= :to");
      params.put("to", to);
    }
    if (currency != null) {
      where.append(" and p.currency = :cur");
      params.put("cur", currency);
    }
    var count = em.createQuery("select count(p) from Payout p" + where, Long.class);
    var list =
        em.createQuery(
            "select p from Payout p" + where + " order by p.payoutDate desc, p.id", Payout.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          list.setParameter(k, v);
        });
    List<PayoutView> items =
        list
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(Payout::view)
            .toList();
    return new ListPage<>(items, page, size, count.getSingleResult());
  }

  PayoutView payout(String merchantId, String id) {
    return owned(merchantId, id).view();
  }

  List<PayoutLineView> lines(String merchantId, String payoutId) {
    owned(merchantId, payoutId);
    return em
        .createQuery(
            "select l from PayoutLine l where l.payoutId = :p order by l.seq", PayoutLine.class)
        .setParameter("p", payoutId)
        .getResultList()
        .stream()
        .map(PayoutLine::view)
        .toList();
  }

  private Payout owned(String merchantId, String id) {
    Payout p = id == null ? null : em.find(Payout.class, id);
    if (p == null || !p.complete || (merchantId != null && !p.merchantId.equals(merchantId))) {
      throw new NotFound("Payout " + id);
    }
    return p;
  }

  ListPage<ReconciliationItemView> items(
      String merchantId, String state, String kind, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (merchantId != null) {
      where.append(" and i.merchantId = :m");
      params.put("m", merchantId);
    }
    if (state != null) {
      where.append(" and i.state = :s");
      params.put("s", state);
    }
    if (kind != null) {
      where.append(" and i.kind = :k");
      params.put("k", kind);
    }
    var count = em.createQuery("select count(i) from ReconciliationItem i" + where, Long.class);
    var list =
        em.createQuery(
            "select i from ReconciliationItem i" + where + " order by i.createdAt desc, i.id",
            ReconciliationItem.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          list.setParameter(k, v);
        });
    List<ReconciliationItemView> items =
        list
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(ReconciliationItem::view)
            .toList();
    return new ListPage<>(items, page, size, count.getSingleResult());
  }

  Map<String, Long> openByKind(String merchantId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    ReconciliationItemView.KINDS.forEach(k -> counts.put(k, 0L));
    var query =
        em.createQuery(
            "select i.kind, count(i) from ReconciliationItem i where i.state = 'open'"
                + (merchantId == null ? "" : " and i.merchantId = :m")
                + " group by i.kind",
            Object[].class);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    query.getResultList().forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    return counts;
  }

  /**
   * The lines of complete payouts linked to these payments' captures and refunds (not to their
   * disputes: a dispute fee is not the capture's fee), oldest payout first.
   */
  List<PaymentSettlementSummary.SettledLine> linesOfPayments(List<String> paymentIds) {
    List<PaymentSettlementSummary.SettledLine> found = new ArrayList<>();
    for (int i = 0; i < paymentIds.size(); i += 500) {
      em.createQuery(
              "select l.paymentId, l.type, l.captureId, l.refundId, l.amount, p.id,"
                  + " p.klarnaPaymentReference, p.payoutDate from PayoutLine l, Payout p"
                  + " where p.id = l.payoutId and p.complete = true and l.paymentId in :ids"
                  + " and l.disputeId is null"
                  + " order by p.payoutDate, p.id, l.seq",
              Object[].class)
          .setParameter("ids", paymentIds.subList(i, Math.min(paymentIds.size(), i + 500)))
          .getResultList()
          .forEach(
              r ->
                  found.add(
                      new PaymentSettlementSummary.SettledLine(
                          (String) r[0],
                          (String) r[1],
                          (String) r[2],
                          (String) r[3],
                          ((Number) r[4]).longValue(),
                          (String) r[5],
                          (String) r[6],
                          UtcTimestamp.instant(r[7]))));
    }
    return found;
  }

  ReconciliationItemView resolve(String id, String note, String who, Instant now) {
    ReconciliationItem i =
        id == null ? null : em.find(ReconciliationItem.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (i == null) {
      throw new NotFound("Reconciliation item " + id);
    }
    i.resolve(note, who, now);
    return i.view();
  }

  /**
   * Per currency, of the complete payouts dated in {@code [from, to)}: their sales (SALE lines),
   * their net and how many there are.
   */
  Map<String, long[]> paidOutBetween(String merchantId, Instant from, Instant to) {
    var query =
        em.createQuery(
            "select p.currency, sum(p.sales), sum(p.net), count(p) from Payout p"
                + " where p.complete = true and p.payoutDate >= :from and p.payoutDate < :to"
                + (merchantId == null ? "" : " and p.merchantId = :m")
                + " group by p.currency",
            Object[].class);
    query.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    Map<String, long[]> sums = new LinkedHashMap<>();
    query
        .getResultList()
        .forEach(
            r ->
                sums.put(
                    (String) r[0],
                    new long[] {
                      ((Number) r[1]).longValue(),
                      ((Number) r[2]).longValue(),
                      ((Number) r[3]).longValue()
                    }));
    return sums;
  }

  /** A payout's key and what its lines' rows repeat. */
  record PayoutRef(
      String id, String merchantId, Instant payoutDate, String currency, String reference) {}

  /** Complete payouts dated in {@code [from, to)} after {@code after}, oldest first. */
  List<PayoutRef> payoutsBetween(
      String merchantId, Instant from, Instant to, PayoutRef after, int limit) {
    var query =
        em.createQuery(
            "select p from Payout p where p.complete = true"
                + " and p.payoutDate >= :from and p.payoutDate < :to"
                + (merchantId == null ? "" : " and p.merchantId = :m")
                + (after == null
                    ? ""
                    : " and (p.payoutDate > :ad or (p.payoutDate = :ad and p.id > :aid))")
                + " order by p.payoutDate, p.id",
            Payout.class);
    query.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    if (after != null) {
      query.setParameter("ad", after.payoutDate());
      query.setParameter("aid", after.id());
    }
    return query.setMaxResults(limit).getResultList().stream()
        .map(
            p ->
                new PayoutRef(
                    p.id, p.merchantId, p.payoutDate, p.currency, p.klarnaPaymentReference))
        .toList();
  }

  /** Up to {@code limit} of the payout's lines from {@code fromSeq} on, as money-line rows. */
  List<MoneyLinesCsv.Row> linePage(PayoutRef p, int fromSeq, int limit) {
    return em
        .createQuery(
            "select l from PayoutLine l where l.payoutId = :p and l.seq >= :s order by l.seq",
            PayoutLine.class)
        .setParameter("p", p.id())
        .setParameter("s", fromSeq)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(
            l ->
                new MoneyLinesCsv.Row(
                    p.payoutDate(),
                    "settlement",
                    p.merchantId(),
                    l.amount,
                    p.currency(),
                    l.paymentId,
                    l.captureId,
                    l.refundId,
                    l.disputeId,
                    p.id(),
                    p.reference(),
                    l.type,
                    l.detailedType,
                    l.matched))
        .toList();
  }

  // -- fee plans

  Optional<MerchantFeePlan> feePlan(String merchantId) {
    return Optional.ofNullable(em.find(MerchantFeePlan.class, merchantId));
  }

  FeePlanView setFeePlan(String merchantId, long fixed, long percentBp, String who, Instant now) {
    MerchantFeePlan plan =
        em.find(MerchantFeePlan.class, merchantId, LockModeType.PESSIMISTIC_WRITE);
    if (plan == null) {
      plan = new MerchantFeePlan(merchantId);
      plan.set(fixed, percentBp, who, now);
      em.persist(plan);
    } else {
      plan.set(fixed, percentBp, who, now);
    }
    return plan.view();
  }

  private static OffsetDateTime asTime(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof OffsetDateTime o) {
      return o;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (v instanceof LocalDateTime l) {
      return l.atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(v.toString().replace(' ', 'T'));
  }

  private static String trim(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
