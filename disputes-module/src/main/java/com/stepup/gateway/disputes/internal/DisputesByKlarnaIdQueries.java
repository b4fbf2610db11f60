package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputesByKlarnaId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The settlements module's read port over disputes. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class DisputesByKlarnaIdQueries implements DisputesByKlarnaId {

  private static final int CHUNK = 500;

  @PersistenceContext(unitName = "disputes")
  EntityManager em;

  @Override
  public Map<String, KnownDispute> byKlarnaIds(Collection<String> klarnaDisputeIds) {
    Map<String, KnownDispute> found = new HashMap<>();
    List<String> all =
        klarnaDisputeIds.stream().filter(k -> k != null && !k.isEmpty()).distinct().toList();
    for (int i = 0; i < all.size(); i += CHUNK) {
      em.createQuery(
              "select d.id, d.merchantId, d.paymentId, d.captureId, d.klarnaDisputeId, d.amount,"
                  + " d.currency, d.state, d.outcome from Dispute d"
                  + " where d.klarnaDisputeId in :ids",
              Object[].class)
          .setParameter("ids", all.subList(i, Math.min(all.size(), i + CHUNK)))
          .getResultList()
          .forEach(
              r ->
                  found.put(
                      (String) r[4],
                      new KnownDispute(
                          (String) r[0],
                          (String) r[1],
                          (String) r[2],
                          (String) r[3],
                          (String) r[4],
                          ((Number) r[5]).longValue(),
                          (String) r[6],
                          r[7] == null ? null : r[7].toString(),
                          (String) r[8])));
    }
    return found;
  }
}
