package com.stepup.gateway.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiScopeTest {

  @Test
  void eachPartnerCallNeedsTheScopeOfWhatItDoes() {
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments")).isEqualTo(ApiScope.PAYMENTS_WRITE);
    assertThat(ApiScope.requiredFor("GET", "/api/v1/payments")).isEqualTo(ApiScope.PAYMENTS_READ);
    assertThat(ApiScope.requiredFor("GET", "api/v1/payments/pay_1/events"))
        .isEqualTo(ApiScope.PAYMENTS_READ);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/cancel"))
        .isEqualTo(ApiScope.PAYMENTS_WRITE);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/release"))
        .isEqualTo(ApiScope.PAYMENTS_WRITE);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/captures"))
        .isEqualTo(ApiScope.CAPTURES);
    assertThat(ApiScope.requiredFor("GET", "api/v1/payments/pay_1/captures/cap_1"))
        .isEqualTo(ApiScope.PAYMENTS_READ);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/refunds"))
        .isEqualTo(ApiScope.REFUNDS);
    assertThat(ApiScope.requiredFor("GET", "api/v1/payments/pay_1/disputes"))
        .isEqualTo(ApiScope.DISPUTES);
    assertThat(ApiScope.requiredFor("POST", "api/v1/disputes/dis_1/accept"))
        .isEqualTo(ApiScope.DISPUTES);
    assertThat(ApiScope.requiredFor("PATCH", "api/v1/stores/sto_1/terminals/ter_1"))
        .isEqualTo(ApiScope.STORES);
    assertThat(ApiScope.requiredFor("GET", "api/v1/stores")).isEqualTo(ApiScope.STORES);
    assertThat(ApiScope.requiredFor("POST", "api/v1/notifications/ntf_1/redeliver"))
        .isEqualTo(ApiScope.WEBHOOKS);
    assertThat(ApiScope.requiredFor("GET", "api/v1/payouts")).isEqualTo(ApiScope.PAYMENTS_READ);
  }

  @Test
  void aMatrixParameterOrAnEmptySegmentDoesNotChangeTheScopeTheRouterWillServe() {
    // the router strips ";x" before it picks the method: the scope must be read the same way
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/refunds;x"))
        .isEqualTo(ApiScope.REFUNDS);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments/pay_1/captures;a=b"))
        .isEqualTo(ApiScope.CAPTURES);
    assertThat(ApiScope.requiredFor("POST", "api/v1/disputes;x/dis_1/accept"))
        .isEqualTo(ApiScope.DISPUTES);
    assertThat(ApiScope.requiredFor("PUT", "api/v1/stores;x/sto_1")).isEqualTo(ApiScope.STORES);
    assertThat(ApiScope.requiredFor("POST", "api/v1/payments//pay_1/refunds"))
        .isEqualTo(ApiScope.REFUNDS);
  }

  @Test
  void thePartnersOwnWebhookEndpointNeedsTheWebhooksScope() {
    // a till's key must not point the notifications elsewhere or read the signing secret
    assertThat(ApiScope.requiredFor("PUT", "api/v1/webhook-endpoint")).isEqualTo(ApiScope.WEBHOOKS);
    assertThat(ApiScope.requiredFor("GET", "api/v1/webhook-endpoint")).isEqualTo(ApiScope.WEBHOOKS);
    assertThat(ApiScope.requiredFor("POST", "api/v1/webhook-endpoint/rotate-secret"))
        .isEqualTo(ApiScope.WEBHOOKS);
  }

  @Test
  void anUnlistedWriteNeedsPaymentsWriteSoNothingIsOpenByMistake() {
    assertThat(ApiScope.requiredFor("DELETE", "api/v1/something-new"))
        .isEqualTo(ApiScope.PAYMENTS_WRITE);
  }

  @Test
  void storedAsWordsAndReadBack() {
    String stored = ApiScope.join(Set.of(ApiScope.REFUNDS, ApiScope.PAYMENTS_WRITE));
    assertThat(stored).isEqualTo("payments:write refunds");
    assertThat(ApiScope.parse(stored))
        .containsExactlyInAnyOrder(ApiScope.PAYMENTS_WRITE, ApiScope.REFUNDS);
    assertThat(ApiScope.parse("payments:read retired-scope"))
        .containsExactly(ApiScope.PAYMENTS_READ);
    assertThat(ApiScope.parse(ApiScope.join(ApiScope.ALL))).isEqualTo(ApiScope.ALL);
  }

  @Test
  void theMigrationGivesExistingKeysEveryScope() throws Exception {
    String sql;
    try (var in =
        ApiScopeTest.class.getResourceAsStream(
            "/db/migration/stores/V2026_12_06_0510__api_key_scopes.sql")) {
      sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var m = java.util.regex.Pattern.compile("DEFAULT '([^']+)'").matcher(sql);
    assertThat(m.find()).isTrue();
    assertThat(ApiScope.parse(m.group(1))).isEqualTo(ApiScope.ALL);
  }
}
