package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.disputes.DisputeFilter;
import org.junit.jupiter.api.Test;

/** How lists are ordered (the rows themselves are read in DisputesIT). */
class DisputeRepositoryTest {

  @Test
  void byDeadlineTheOpenDisputesComeFirstThenTheDeadlineThenTheNewest() {
    String order = DisputeRepository.order(new DisputeFilter(null, null, null, null, true));
    assertThat(order)
        .as("closed last, whatever its deadline (REPRESENTMENT and ARBITRATION have none)")
        .startsWith(" ORDER BY CASE WHEN d.state = :closed THEN 1 ELSE 0 END,");
    assertThat(order.indexOf("d.dueAt ASC NULLS LAST"))
        .isGreaterThan(order.indexOf("CASE"))
        .isLessThan(order.indexOf("d.createdAt DESC"));
  }

  @Test
  void otherwiseTheNewestFirst() {
    assertThat(DisputeRepository.order(DisputeFilter.ALL))
        .isEqualTo(" ORDER BY d.createdAt DESC, d.id DESC");
  }
}
