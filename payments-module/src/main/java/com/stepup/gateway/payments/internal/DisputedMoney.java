package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payments side of a dispute: the payment and capture a Klarna dispute names, and the disputed
 * and lost amounts, moved by one atomic UPDATE in the dispute's transaction (the payment's own
 * changes never write these two columns).
 */
@ApplicationScoped
class DisputedMoney implements PaymentDisputes {

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Disputed> byTransaction(String klarnaTransactionId, String klarnaCaptureId) {
    if (klarnaTransactionId == null) {
      return Optional.empty();
    }
    return em
        .createQuery(
            "SELECT p.id, p.merchantId, p.currency FROM Payment p WHERE p.transactionId = :t",
            Object[].class)
        .setParameter("t", klarnaTransactionId)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .map(
            row ->
                new Disputed(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    captureOf((String) row[0], klarnaCaptureId)));
  }

  private String captureOf(String paymentId, String klarnaCaptureId) {
    if (klarnaCaptureId == null) {
      return null;
    }
    return em
        .createQuery(
            "SELECT o.id FROM MoneyOperation o WHERE o.paymentId = :p AND o.klarnaId = :k",
            String.class)
        .setParameter("p", paymentId)
        .setParameter("k", klarnaCaptureId)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void disputeMoved(
      String paymentId, String disputeId, long disputedDelta, long lostDelta, Instant at) {
    if (disputedDelta == 0 && lostDelta == 0) {
      return;
    }
    DisputeMove.of(paymentId, disputeId, disputedDelta, lostDelta, at).forEach(em::persist);
    em.createNativeQuery(
            "UPDATE payment SET disputed_amount = disputed_amount + ?, lost_amount = lost_amount"
                + " + ? WHERE id = ?")
        .setParameter(1, disputedDelta)
        .setParameter(2, lostDelta)
        .setParameter(3, paymentId)
        .executeUpdate();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CaptureShipping> captureShipping(String paymentId) {
    List<CaptureShipping> out = new ArrayList<>();
    for (Object[] row :
        em.createQuery(
                "SELECT o.id, o.klarnaBody FROM MoneyOperation o WHERE o.paymentId = :p"
                    + " AND o.kind = :k ORDER BY o.createdAt, o.id",
                Object[].class)
            .setParameter("p", paymentId)
            .setParameter("k", MoneyOperation.Kind.CAPTURE)
            .getResultList()) {
      for (NewCapture.Shipping s : shipping((String) row[1])) {
        out.add(new CaptureShipping((String) row[0], s));
      }
    }
    return out;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<NewPayment.LineItem> lineItems(String paymentId) {
    Payment p = em.find(Payment.class, paymentId);
    var items = p == null ? null : PaymentInput.stored(p.requestBody()).lineItems();
    return items == null ? List.of() : items;
  }

  /** The {@code shipping_info} of a capture's body to Klarna; nothing if it had none. */
  static List<NewCapture.Shipping> shipping(String klarnaBody) {
    if (klarnaBody == null || klarnaBody.isBlank()) {
      return List.of();
    }
    JsonObject body;
    try (var reader = Json.createReader(new StringReader(klarnaBody))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return List.of();
    }
    if (!(body.get("shipping_info") instanceof JsonArray infos)) {
      return List.of();
    }
    List<NewCapture.Shipping> out = new ArrayList<>();
    for (JsonValue v : infos) {
      if (v instanceof JsonObject info) {
        NewCapture.Shipping s =
            new NewCapture.Shipping(
                info.getString("tracking_number", null),
                info.getString("tracking_url", null),
                info.getString("shipping_carrier", null));
        if (s.trackingNumber() != null || s.trackingUrl() != null || s.carrier() != null) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
