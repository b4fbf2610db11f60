package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PurchaseDataView;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;

/** The payment page's shopper card: as given for admins, masked for support, absent when empty. */
class PurchaseDataFragmentTest {

  static final PurchaseDataView ADA =
      new PurchaseDataView(
          new NewPayment.Customer("ada@example.com", "+4915112345678", "Ada", "Lovelace"),
          new NewPayment.Shipping(
              new NewPayment.Recipient("Ada", "Lovelace", null, null),
              new NewPayment.Address("Main St 1", null, "10115", "Berlin", null, "DE"),
              "STORE_PICKUP"));

  static String render(PurchaseDataView data, boolean masked) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("purchaseData", data);
    context.setVariable("purchaseMasked", masked);
    return new ConsoleTemplates()
        .templateEngine()
        .process("fragments", Set.of("purchase-data"), context);
  }

  @Test
  void anAdminSeesThePurchaseDataAsGiven() {
    assertThat(render(ADA, false))
        .contains("data-testid=\"purchase-data\"", "Ada Lovelace", "ada@example.com")
        .contains("+4915112345678", "Main St 1, 10115 Berlin, DE", "STORE_PICKUP")
        .doesNotContain("masked for support");
  }

  @Test
  void supportSeesItMasked() {
    assertThat(render(ADA.masked(), true))
        .contains("a***@example.com", "A*** L***", "***, *** ***, DE", "masked for support")
        .doesNotContain("ada@example.com", "Lovelace", "Main St", "Berlin", "5112345");
  }

  @Test
  void noPurchaseDataNoCard() {
    assertThat(render(new PurchaseDataView(null, null), false)).doesNotContain("purchase-data");
  }
}
