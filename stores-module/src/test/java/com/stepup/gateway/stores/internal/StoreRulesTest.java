package com.stepup.gateway.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreRulesTest {

  static final StoreView.Address ADDRESS =
      new StoreView.Address("800 N. High St", null, "43215", "Columbus", "OH", "US");

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aPhysicalStoreNeedsAFullAddressAndNothingElse() {
    assertThat(
            StoreRules.check(
                StoreType.PHYSICAL_STORE,
                "store-1",
                new StoreView.Details("Main", ADDRESS, null, null, List.of())))
        .isEmpty();
    assertThat(
            fields(
                StoreRules.check(
                    StoreType.PHYSICAL_STORE,
                    "store-1",
                    new StoreView.Details(null, null, null, null, null))))
        .containsExactly("address");
    assertThat(
            fields(
                StoreRules.check(
                    StoreType.PHYSICAL_STORE,
                    "store-1",
                    new StoreView.Details(
                        null,
                        new StoreView.Address(null, null, null, null, null, "XX"),
                        "https://x.example",
                        null,
                        null))))
        .containsExactly(
            "address.street_address",
            "address.postal_code",
            "address.city",
            "address.country",
            "url");
  }

  @Test
  void aWebsiteNeedsAnAbsoluteHttpUrl() {
    assertThat(
            StoreRules.check(
                StoreType.WEBSITE,
                "web",
                new StoreView.Details(null, null, "https://shop.example/x", null, null)))
        .isEmpty();
    for (String bad : List.of("not a url", "ftp://shop.example", "/relative", "https://")) {
      assertThat(
              fields(
                  StoreRules.check(
                      StoreType.WEBSITE,
                      "web",
                      new StoreView.Details(null, null, bad, null, null))))
          .as(bad)
          .containsExactly("url");
    }
  }

  @Test
  void aMobileAppNeedsAPlatformAndBundles() {
    assertThat(
            StoreRules.check(
                StoreType.MOBILE_APP,
                "app",
                new StoreView.Details(null, null, null, "IOS", List.of("com.shop.app"))))
        .isEmpty();
    assertThat(
            fields(
                StoreRules.check(
                    StoreType.MOBILE_APP,
                    "app",
                    new StoreView.Details(null, null, null, "WINDOWS", List.of()))))
        .containsExactly("platform", "bundle_names");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad store", "-leading", "ümlaut", "a/b"})
  void referencesAreShortAndPlain(String reference) {
    assertThat(
            fields(
                StoreRules.check(
                    StoreType.WEBSITE,
                    reference,
                    new StoreView.Details(null, null, "https://x.example", null, null))))
        .containsExactly("store_reference");
    assertThat(fields(StoreRules.checkTerminalReference(reference)))
        .containsExactly("terminal_reference");
  }

  @Test
  void overLongReferencesAreRefused() {
    assertThat(StoreRules.checkTerminalReference("t".repeat(100))).isEmpty();
    assertThat(StoreRules.checkTerminalReference("t".repeat(101))).hasSize(1);
  }

  @Test
  void apiKeysAreLongRandomAndStoredOnlyAsHashes() {
    String key = Ids.apiKeySecret();
    assertThat(key).startsWith("sk_").hasSize(46).isNotEqualTo(Ids.apiKeySecret());
    assertThat(Ids.sha256(key)).hasSize(64).isEqualTo(Ids.sha256(key)).doesNotContain(key);
    assertThat(Ids.next("sto")).startsWith("sto_").hasSize(26);
  }
}
