package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.ListCursor;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a keyset cursor is bound to: the partner's filters, however they were written. */
class PaymentListFiltersTest {

  static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void theSameFiltersMakeTheSameTextAndAnyOtherFilterAnother() {
    var filter =
        new PaymentFilter("o-1", PaymentStatus.AUTHORIZED, "store-001", null, FROM, null)
            .withMoneyStatus(MoneyStatus.CAPTURED);
    var same =
        new PaymentFilter("o-1", PaymentStatus.AUTHORIZED, "store-001", null, FROM, null)
            .withMoneyStatus(MoneyStatus.CAPTURED);

    assertThat(PaymentsResource.filterText(same)).isEqualTo(PaymentsResource.filterText(filter));
    for (var other :
        new PaymentFilter[] {
          PaymentFilter.none(),
          new PaymentFilter("o-1", PaymentStatus.DECLINED, "store-001", null, FROM, null)
              .withMoneyStatus(MoneyStatus.CAPTURED),
          new PaymentFilter("o-1", PaymentStatus.AUTHORIZED, "store-001", null, FROM, null),
          new PaymentFilter("o-1", PaymentStatus.AUTHORIZED, null, "store-001", FROM, null)
              .withMoneyStatus(MoneyStatus.CAPTURED),
          new PaymentFilter("o-1", PaymentStatus.AUTHORIZED, "store-001", null, null, FROM)
              .withMoneyStatus(MoneyStatus.CAPTURED),
        }) {
      assertThat(PaymentsResource.filterText(other))
          .as(other.toString())
          .isNotEqualTo(PaymentsResource.filterText(filter));
    }
  }

  @Test
  void aCursorOfOneListIsRefusedByAnotherAndReadByItsOwn() {
    String all = PaymentsResource.filterText(PaymentFilter.none());
    String declined =
        PaymentsResource.filterText(
            new PaymentFilter(null, PaymentStatus.DECLINED, null, null, null, null));
    var cursor = new ListCursor(FROM, "pay_1");
    String text = cursor.encode(all);

    assertThat(ListCursor.decode(text, all, "after")).isEqualTo(cursor);
    Executable reused = () -> ListCursor.decode(text, declined, "after");
    ApiProblem refused = assertThrows(ApiProblem.class, reused);
    assertThat(refused.getMessage()).contains("other filters");
  }
}
