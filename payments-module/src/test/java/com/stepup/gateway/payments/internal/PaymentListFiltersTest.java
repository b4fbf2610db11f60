package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The partner's list filters: checked once for both lists (every bad one named in one 400), and
 * what a keyset cursor is bound to, however they were written.
 */
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

    assertThat(PaymentsResource.ListFilters.text(same))
        .isEqualTo(PaymentsResource.ListFilters.text(filter));
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
      assertThat(PaymentsResource.ListFilters.text(other))
          .as(other.toString())
          .isNotEqualTo(PaymentsResource.ListFilters.text(filter));
    }
  }

  @Test
  void aCursorOfOneListIsRefusedByAnotherAndReadByItsOwn() {
    String all = PaymentsResource.ListFilters.text(PaymentFilter.none());
    String declined =
        PaymentsResource.ListFilters.text(
            new PaymentFilter(null, PaymentStatus.DECLINED, null, null, null, null));
    var cursor = new ListCursor(FROM, "pay_1");
    String text = cursor.encode(all);

    assertThat(ListCursor.decode(text, all, "after")).isEqualTo(cursor);
    Executable reused = () -> ListCursor.decode(text, declined, "after");
    ApiProblem refused = assertThrows(ApiProblem.class, reused);
    assertThat(refused.getMessage()).contains("other filters");
  }

  @Test
  void everyBadFilterIsNamedInOne400AfterTheErrorsFoundBefore() {
    var filters = new PaymentsResource.ListFilters();
    filters.status = "paid";
    filters.moneyStatus = "rich";
    filters.createdFrom = "yesterday";
    filters.createdTo = "2026-12-01";
    var before = new ArrayList<>(List.of(new FieldError("size", "must be between 1 and 100")));

    ApiProblem refused = assertThrows(ApiProblem.class, () -> filters.check(before));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errors())
        .extracting(FieldError::field)
        .containsExactly("size", "status", "money_status", "created_from", "created_to");
    assertThat(refused.errors().get(1).message())
        .isEqualTo("must be one of pending, authorized, declined, expired, canceled, failed");
    assertThat(refused.errors().get(3).message())
        .isEqualTo("must be an ISO-8601 instant, such as 2026-11-22T10:00:00Z");
  }

  @Test
  void goodFiltersAreReadStrippedAndBlankOnesAreNone() {
    var filters = new PaymentsResource.ListFilters();
    filters.reference = " o-1 ";
    filters.status = "Declined";
    filters.moneyStatus = " captured ";
    filters.storeReference = "";
    filters.terminalReference = "till-2";
    filters.createdFrom = "2026-12-01T01:00:00+01:00";
    filters.createdTo = " ";

    assertThat(filters.check(new ArrayList<>()))
        .isEqualTo(
            new PaymentFilter("o-1", PaymentStatus.DECLINED, null, "till-2", FROM, null)
                .withMoneyStatus(MoneyStatus.CAPTURED));
    assertThat(new PaymentsResource.ListFilters().check(new ArrayList<>()))
        .isEqualTo(PaymentFilter.none());
  }
}
