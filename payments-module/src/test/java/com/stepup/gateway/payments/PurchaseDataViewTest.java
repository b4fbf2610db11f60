package com.stepup.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurchaseDataViewTest {

  static final PurchaseDataView ADA =
      new PurchaseDataView(
          new NewPayment.Customer("ada@example.com", "+4915112345678", "Ada", "Lovelace"),
          new NewPayment.Shipping(
              new NewPayment.Recipient("Ada", "Lovelace", null, "+4915112345678"),
              new NewPayment.Address("Main St 1", null, "10115", "Berlin", null, "DE"),
              "STORE_PICKUP"));

  @Test
  void supportSeesEnoughToRecogniseAShopperButNotWhoOrWhere() {
    PurchaseDataView masked = ADA.masked();
    assertThat(masked.customer().email()).isEqualTo("a***@example.com");
    assertThat(masked.customer().phone()).isEqualTo("+49********678");
    assertThat(masked.customer().givenName()).isEqualTo("A***");
    assertThat(masked.customer().familyName()).isEqualTo("L***");
    assertThat(masked.shipping().address().streetAddress()).isEqualTo("***");
    assertThat(masked.shipping().address().postalCode()).isEqualTo("***");
    assertThat(masked.shipping().address().city()).isEqualTo("***");
    assertThat(masked.shipping().address().streetAddress2()).isNull();
    assertThat(masked.shipping().address().country()).isEqualTo("DE");
    assertThat(masked.shipping().method()).isEqualTo("STORE_PICKUP");
    assertThat(masked.toString())
        .doesNotContain("ada@", "Lovelace", "Main St", "10115", "Berlin", "5112345");
  }

  @Test
  void nothingGivenIsNothingShown() {
    assertThat(new PurchaseDataView(null, null).isEmpty()).isTrue();
    assertThat(new PurchaseDataView(null, null).masked().isEmpty()).isTrue();
  }
}
