package com.stepup.gateway.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store and a merchant written by a generator (the lists) are the single answers' bytes. */
class StoreJsonTest {

  private static final Instant CREATED = Instant.parse("2026-12-01T08:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-12-02T09:30:00.5Z");

  @Test
  void aStoreWithEveryFieldIsWrittenAsItsTree() {
    var store =
        new StoreView(
            "sto_1",
            "mer_1",
            StoreType.PHYSICAL_STORE,
            "shop \"1\"",
            new StoreView.Details(
                "Main street",
                new StoreView.Address("Street 1", "2nd floor", "1011", "Amsterdam", "NH", "NL"),
                "https://shop.example",
                "IOS",
                List.of("com.example.a", "com.example.b")),
            "krn:store:1",
            StoreView.Onboarding.FAILED,
            "refused",
            3,
            CREATED,
            UPDATED);

    assertThat(streamed(store)).isEqualTo(StoreJson.store(store).toString());
  }

  @Test
  void aBareStoreHasANullKlarnaIdAndNoOptionalFields() {
    var store =
        new StoreView(
            "sto_2",
            "mer_1",
            StoreType.WEBSITE,
            "web",
            new StoreView.Details(null, null, null, null, List.of()),
            null,
            StoreView.Onboarding.PENDING,
            null,
            0,
            CREATED,
            UPDATED);

    assertThat(streamed(store))
        .isEqualTo(StoreJson.store(store).toString())
        .isEqualTo(
            "{\"id\":\"sto_2\",\"type\":\"WEBSITE\",\"store_reference\":\"web\","
                + "\"klarna\":{\"store_id\":null,\"onboarding_status\":\"pending\",\"attempts\":0},"
                + "\"created_at\":\"2026-12-01T08:00:00Z\","
                + "\"updated_at\":\"2026-12-02T09:30:00.500Z\"}");
  }

  @Test
  void aMerchantWithAndWithoutANotificationUrl() {
    for (String url : new String[] {"https://partner.example/hooks", null}) {
      var merchant =
          new MerchantView(
              "mer_1",
              "Partner",
              "krn:partner:1",
              MerchantView.Status.SUSPENDED,
              url,
              CREATED,
              UPDATED,
              "Europe/Amsterdam");

      assertThat(new StreamedJson(json -> StoreJson.writeMerchant(json, merchant)).toString())
          .isEqualTo(StoreJson.merchant(merchant).toString());
    }
  }

  private static String streamed(StoreView store) {
    return new StreamedJson(json -> StoreJson.writeStore(json, store)).toString();
  }
}
