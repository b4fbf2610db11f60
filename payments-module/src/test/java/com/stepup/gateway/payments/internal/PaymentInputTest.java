package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentInputTest {

  static final String ONLINE =
      "\"reference\":\"o-1\",\"store_reference\":\"web\",\"return_url\":\"https://shop.example/r\"";

  static List<String> refused(String json) {
    try {
      PaymentInput.read(json);
      return List.of();
    } catch (ApiProblem problem) {
      return problem.errors().stream().map(FieldError::field).toList();
    }
  }

  @Test
  void aPlainOnlinePaymentIsRead() {
    var p = PaymentInput.read("{\"amount\":5000,\"currency\":\"JPY\"," + ONLINE + "}");
    assertThat(p.amount()).isEqualTo(5000);
    assertThat(p.currency()).isEqualTo("JPY");
  }

  @Test
  void theCurrencyMustBeMoney() {
    assertThat(refused("{\"amount\":100,\"currency\":\"XXX\"," + ONLINE + "}"))
        .contains("currency");
    assertThat(refused("{\"amount\":100,\"currency\":\"XAU\"," + ONLINE + "}"))
        .contains("currency");
    assertThat(refused("{\"amount\":100,\"currency\":\"QQQ\"," + ONLINE + "}"))
        .contains("currency");
    assertThat(refused("{\"amount\":100,\"currency\":\"XOF\"," + ONLINE + "}"))
        .as("the CFA franc is money")
        .isEmpty();
  }

  @Test
  void anAppReturnUrlMayNotBeAScript() {
    assertThat(
            refused(
                "{\"amount\":100,\"currency\":\"USD\","
                    + ONLINE
                    + ",\"app_return_url\":\"javascript:alert(1)\"}"))
        .contains("app_return_url");
    assertThat(
            refused(
                "{\"amount\":100,\"currency\":\"USD\","
                    + ONLINE
                    + ",\"app_return_url\":\"shopapp://klarna\"}"))
        .isEmpty();
  }

  static String withLines(long amount, String lines) {
    return "{\"amount\":"
        + amount
        + ",\"currency\":\"USD\","
        + ONLINE
        + ",\"line_items\":"
        + lines
        + "}";
  }

  @Test
  void lineItemsAreExact() {
    assertThat(
            refused(
                withLines(
                    1000,
                    "[{\"name\":\"a\",\"quantity\":2,\"unit_price\":500,\"total_amount\":1000}]")))
        .isEmpty();
    assertThat(
            refused(
                withLines(
                    900,
                    "[{\"name\":\"a\",\"quantity\":2,\"unit_price\":500,\"total_amount\":900}]")))
        .as("quantity × unit_price must be the total")
        .isNotEmpty();
    assertThat(
            refused(
                withLines(
                    1000,
                    "[{\"name\":\"a\",\"quantity\":0,\"unit_price\":0,\"total_amount\":1000}]")))
        .isNotEmpty();
    long max = Long.MAX_VALUE;
    String wrap =
        "[{\"name\":\"a\",\"quantity\":1,\"unit_price\":"
            + max
            + ",\"total_amount\":"
            + max
            + "},{\"name\":\"b\",\"quantity\":1,\"unit_price\":"
            + max
            + ",\"total_amount\":"
            + max
            + "},{\"name\":\"c\",\"quantity\":1,\"unit_price\":1002,\"total_amount\":1002}]";
    assertThat(refused(withLines(1000, wrap)))
        .as("totals that wrap around never add up")
        .isNotEmpty();
  }

  @Test
  void allWrongFieldsAreReportedAtOnce() {
    assertThatThrownBy(() -> PaymentInput.read("{\"amount\":0,\"currency\":\"usd\"}"))
        .isInstanceOf(ApiProblem.class);
    assertThat(refused("{\"amount\":0,\"currency\":\"usd\"}"))
        .contains("amount", "currency", "reference", "store_reference", "return_url");
  }

  @org.junit.jupiter.api.Test
  void aCaptureOrRefundWithoutAnAmountIsAllThatIsLeftOrWhatItsLinesAddUpTo() {
    assertThat(PaymentInput.capture("").amount()).isNull();
    assertThat(PaymentInput.capture("{}").amount()).isNull();
    assertThat(PaymentInput.refund(null).amount()).isNull();
    assertThat(
            PaymentInput.capture(
                    "{\"line_items\":[{\"name\":\"Shoes\",\"quantity\":2,\"unit_price\":500,"
                        + "\"total_amount\":1000}]}")
                .amount())
        .isEqualTo(1000L);
    for (String bad :
        java.util.List.of("{\"amount\":0}", "{\"amount\":1.5}", "{\"amount\":\"5\"}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PaymentInput.capture(bad))
          .isInstanceOf(ApiProblem.class);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                PaymentInput.refund(
                    "{\"amount\":900,\"line_items\":[{\"name\":\"Shoes\",\"quantity\":1,"
                        + "\"unit_price\":500,\"total_amount\":500}]}"))
        .isInstanceOf(ApiProblem.class);
  }
}
