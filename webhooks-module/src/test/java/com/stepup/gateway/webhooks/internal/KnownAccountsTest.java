package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownAccountsTest {

  @Test
  void aPartnerAccountFoundOnceIsNotAskedForAgainAndAnUnknownOneAlways() {
    List<String> asked = new ArrayList<>();
    KlarnaWebhookIntake intake = new KlarnaWebhookIntake();
    intake.merchants =
        (Merchants)
            Proxy.newProxyInstance(
                Merchants.class.getClassLoader(),
                new Class<?>[] {Merchants.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("findByPartnerAccount")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  asked.add((String) args[0]);
                  return args[0].equals("acc_known")
                      ? Optional.of(mockMerchant())
                      : Optional.empty();
                });

    for (int i = 0; i < 3; i++) {
      assertThat(intake.knownAccount("acc_known")).isTrue();
      assertThat(intake.knownAccount("acc_stranger")).isFalse();
    }
    assertThat(asked).containsExactly("acc_known", "acc_stranger", "acc_stranger", "acc_stranger");
  }

  private static MerchantView mockMerchant() {
    Instant at = Instant.parse("2026-12-01T00:00:00Z");
    return new MerchantView(
        "mer_1", "Shop", "acc_known", MerchantView.Status.ACTIVE, null, at, at, "Europe/Stockholm");
  }
}
