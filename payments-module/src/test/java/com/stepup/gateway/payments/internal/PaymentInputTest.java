package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import java.util.List;
import org.assertj.core.api.Assertions;
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

  @Test
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
    for (String bad : List.of("{\"amount\":0}", "{\"amount\":1.5}", "{\"amount\":\"5\"}")) {
      Assertions.assertThatThrownBy(() -> PaymentInput.capture(bad)).isInstanceOf(ApiProblem.class);
    }
    Assertions.assertThatThrownBy(
            () ->
                PaymentInput.refund(
                    "{\"amount\":900,\"line_items\":[{\"name\":\"Shoes\",\"quantity\":1,"
                        + "\"unit_price\":500,\"total_amount\":500}]}"))
        .isInstanceOf(ApiProblem.class);
  }

  static String online(String more) {
    return "{\"amount\":100,\"currency\":\"EUR\"," + ONLINE + more + "}";
  }

  static final String ADA =
      "\"customer\":{\"email\":\"ada@example.com\",\"phone\":\"+4915112345678\","
          + "\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"}";

  static final String PARCEL =
      "\"shipping\":{\"recipient\":{\"given_name\":\"Ada\",\"family_name\":\"Lovelace\","
          + "\"email\":\"ada@example.com\"},\"address\":{\"street_address\":\"Main St 1\","
          + "\"street_address2\":\"Floor 2\",\"postal_code\":\"10115\",\"city\":\"Berlin\","
          + "\"region\":\"BE\",\"country\":\"DE\"},\"method\":\"STORE_PICKUP\"}";

  @Test
  void purchaseDataIsReadWhenItIsRight() {
    var p = PaymentInput.read(online("," + ADA + "," + PARCEL + ",\"expires_in_seconds\":900"));
    assertThat(p.customer().email()).isEqualTo("ada@example.com");
    assertThat(p.customer().phone()).isEqualTo("+4915112345678");
    assertThat(p.shipping().recipient().familyName()).isEqualTo("Lovelace");
    assertThat(p.shipping().address().country()).isEqualTo("DE");
    assertThat(p.shipping().address().streetAddress2()).isEqualTo("Floor 2");
    assertThat(p.shipping().method()).isEqualTo("STORE_PICKUP");
    assertThat(p.expiresInSeconds()).isEqualTo(900);
    var plain = PaymentInput.read(online(""));
    assertThat(plain.customer()).isNull();
    assertThat(plain.shipping()).isNull();
    assertThat(plain.expiresInSeconds()).isNull();
  }

  @Test
  void aWrongEmailPhoneOrCountryIsNamedByItsPath() {
    assertThat(refused(online(",\"customer\":{\"email\":\"not-an-email\"}")))
        .containsExactly("customer.email");
    assertThat(refused(online(",\"customer\":{\"email\":\"a@b\"}")))
        .as("a domain without a dot")
        .containsExactly("customer.email");
    assertThat(refused(online(",\"customer\":{\"email\":\"a b@example.com\"}")))
        .containsExactly("customer.email");
    assertThat(refused(online(",\"customer\":{\"phone\":\"015112345678\"}")))
        .as("E.164 starts with + and a country code")
        .containsExactly("customer.phone");
    assertThat(refused(online(",\"customer\":{\"phone\":\"+0151123456\"}")))
        .containsExactly("customer.phone");
    assertThat(refused(online(",\"customer\":{\"phone\":\"+49 151 1234567\"}")))
        .containsExactly("customer.phone");
    assertThat(refused(online("," + PARCEL.replace("\"DE\"", "\"XX\""))))
        .containsExactly("shipping.address.country");
    assertThat(refused(online("," + PARCEL.replace("\"DE\"", "\"de\""))))
        .containsExactly("shipping.address.country");
    assertThat(refused(online("," + PARCEL.replace("\"DE\"", "\"DEU\""))))
        .containsExactly("shipping.address.country");
    assertThat(
            refused(
                online("," + PARCEL.replace("\"email\":\"ada@example.com\"", "\"email\":\"x\""))))
        .containsExactly("shipping.recipient.email");
  }

  @Test
  void lengthsAndRequiredPartsOfShippingAreChecked() {
    String longName = "A".repeat(101);
    assertThat(refused(online(",\"customer\":{\"given_name\":\"" + longName + "\"}")))
        .containsExactly("customer.given_name");
    assertThat(refused(online(",\"customer\":{\"email\":\"" + "a".repeat(250) + "@example.com\"}")))
        .containsExactly("customer.email");
    assertThat(refused(online(",\"customer\":{}"))).containsExactly("customer");
    assertThat(refused(online(",\"shipping\":{}")))
        .containsExactlyInAnyOrder("shipping.recipient", "shipping.address");
    assertThat(
            refused(
                online(
                    ",\"shipping\":{\"recipient\":{\"given_name\":\"Ada\"},"
                        + "\"address\":{\"city\":\"Berlin\"}}")))
        .containsExactlyInAnyOrder(
            "shipping.recipient.family_name",
            "shipping.address.street_address",
            "shipping.address.postal_code",
            "shipping.address.country");
    assertThat(refused(online("," + PARCEL.replace("\"10115\"", "\"" + "1".repeat(21) + "\""))))
        .containsExactly("shipping.address.postal_code");
    assertThat(refused(online("," + PARCEL.replace("STORE_PICKUP", "pick it up"))))
        .containsExactly("shipping.method");
    assertThat(refused(online(",\"customer\":\"ada\""))).containsExactly("customer");
  }

  @Test
  void unknownFieldsAreRefusedByName() {
    assertThat(refused(online(",\"colour\":\"red\""))).containsExactly("colour");
    assertThat(refused(online(",\"customer\":{\"email\":\"ada@example.com\",\"age\":36}")))
        .containsExactly("customer.age");
    assertThat(refused(online("," + PARCEL.replace("\"city\"", "\"town\""))))
        .contains("shipping.address.town", "shipping.address.city");
    assertThat(
            refused(
                online(
                    ",\"line_items\":[{\"name\":\"a\",\"quantity\":1,\"unit_price\":100,"
                        + "\"total_amount\":100,\"sku\":\"x\"}]")))
        .containsExactly("line_items[0].sku");
  }

  @Test
  void theJourneysLifetimeIsFifteenMinutesToFortyEightHours() {
    assertThat(refused(online(",\"expires_in_seconds\":899")))
        .containsExactly("expires_in_seconds");
    assertThat(refused(online(",\"expires_in_seconds\":172801")))
        .containsExactly("expires_in_seconds");
    assertThat(refused(online(",\"expires_in_seconds\":\"900\"")))
        .containsExactly("expires_in_seconds");
    assertThat(refused(online(",\"expires_in_seconds\":900.5")))
        .containsExactly("expires_in_seconds");
    assertThat(refused(online(",\"expires_in_seconds\":900"))).isEmpty();
    assertThat(refused(online(",\"expires_in_seconds\":172800"))).isEmpty();
  }

  @Test
  void aPaymentStoredBeforeAFieldWasRefusedIsStillReadToResumeIt() {
    var p =
        PaymentInput.stored(online(",\"colour\":\"red\",\"klarna_network_session_token\":\"t\""));
    assertThat(p.partnerToken()).isEqualTo("t");
    assertThat(p.legacyTokenName()).isFalse();
  }

  @Test
  void theNameThePartnerUsedForItsTokenIsKept() {
    var current =
        PaymentInput.read(
            online(",\"klarna_network_session_token\":\"t\",\"klarna_network_data\":\"d\""));
    assertThat(current.legacyTokenName()).isFalse();
    assertThat(current.legacyDataName()).isFalse();
    var older =
        PaymentInput.read(
            online(",\"interoperability_token\":\"t\",\"interoperability_data\":\"d\""));
    assertThat(older.partnerToken()).isEqualTo("t");
    assertThat(older.legacyTokenName()).isTrue();
    assertThat(older.legacyDataName()).isTrue();
    var both =
        PaymentInput.read(
            online(",\"klarna_network_session_token\":\"t\",\"interoperability_token\":\"t\""));
    assertThat(both.legacyTokenName()).as("the current name wins when both are sent").isFalse();
  }

  @Test
  void noMessageRepeatsThePersonalDataItRefuses() {
    try {
      PaymentInput.read(online(",\"customer\":{\"email\":\"secret-person@@example\"}"));
    } catch (ApiProblem problem) {
      assertThat(problem.toJson().toString()).doesNotContain("secret-person");
      return;
    }
    throw new AssertionError("refused expected");
  }

  @Test
  void aCaptureOrRefundWithAFieldItDoesNotKnowIsRefusedByName() {
    assertThatThrownBy(() -> PaymentInput.capture("{\"amount\":100,\"amont\":5}"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("amont"));
    assertThatThrownBy(
            () ->
                PaymentInput.capture(
                    "{\"shipping\":{\"tracking_number\":\"1\",\"carier\":\"UPS\"}}"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p ->
                assertThat(p.errors())
                    .extracting(FieldError::field)
                    .containsExactly("shipping.carier"));
    assertThatThrownBy(() -> PaymentInput.refund("{\"payment_capture_id\":\"c\"}"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p ->
                assertThat(p.errors())
                    .extracting(FieldError::field)
                    .containsExactly("payment_capture_id"));
    assertThat(
            PaymentInput.refund("{\"amount\":5,\"capture_id\":\"cap_1\",\"reason\":\"r\"}")
                .amount())
        .isEqualTo(5);
  }
}
