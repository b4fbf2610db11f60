package com.stepup.gateway.stores;

import com.stepup.gateway.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's shared API key counts in {@code api_rate_use}: one row per key, minute and
 * instance, written by that instance alone (so no two instances race for a row), summed on read.
 */
@ApplicationScoped
class RateUse implements RateLimiter.Shared {

  /** This instance, for its own rows. */
  private final String instance = Ids.random(12);

  private long cleanedWindow;

  @PersistenceContext(unitName = "stores")
  EntityManager em;

  @Override
  @Transactional
  public Map<String, Long> addAndRead(long window, Map<String, Long> deltas, Set<String> keys) {
    for (var d : deltas.entrySet()) {
      int updated =
          em.createNativeQuery(
                  "UPDATE api_rate_use SET used = used + ?1"
                      + " WHERE key_id = ?2 AND window_start = ?3 AND instance_id = ?4")
              .setParameter(1, d.getValue())
              .setParameter(2, d.getKey())
              .setParameter(3, window)
              .setParameter(4, instance)
              .executeUpdate();
      if (updated == 0) {
        em.createNativeQuery(
                "INSERT INTO api_rate_use (key_id, window_start, instance_id, used)"
                    + " VALUES (?1, ?2, ?3, ?4)")
            .setParameter(1, d.getKey())
            .setParameter(2, window)
            .setParameter(3, instance)
            .setParameter(4, d.getValue())
            .executeUpdate();
      }
    }
    if (cleanedWindow != window) {
      em.createNativeQuery("DELETE FROM api_rate_use WHERE window_start < ?1")
          .setParameter(1, window - 2)
          .executeUpdate();
      cleanedWindow = window;
    }
    Map<String, Long> totals = new HashMap<>();
    List<String> asked = new ArrayList<>(keys);
    for (int from = 0; from < asked.size(); from += 500) {
      var some = asked.subList(from, Math.min(asked.size(), from + 500));
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < some.size(); i++) {
        in.append(i == 0 ? "?" : ", ?").append(i + 2);
      }
      var query =
          em.createNativeQuery(
                  "SELECT key_id, SUM(used) FROM api_rate_use"
                      + " WHERE window_start = ?1 AND key_id IN ("
                      + in
                      + ") GROUP BY key_id")
              .setParameter(1, window);
      for (int i = 0; i < some.size(); i++) {
        query.setParameter(i + 2, some.get(i));
      }
      @SuppressWarnings("unchecked")
      List<Object[]> rows = query.getResultList();
      for (Object[] row : rows) {
        totals.put((String) row[0], ((Number) row[1]).longValue());
      }
    }
    return totals;
  }
}
