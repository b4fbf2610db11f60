package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.KlarnaStore;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.platform.Json;

/**
 * The partner's purchase data in Klarna's terms ({@code supplementary_purchase_data}): the
 * reference, the lines, the customer and where the goods go. Klarna's Network Rules make complete
 * purchase data a contractual requirement (KLARNA-API.md Part three).
 */
final class PurchaseData {

  private PurchaseData() {}

  static AuthorizeRequest.PurchaseData of(String reference, NewPayment in) {
    var lines = Json.createArrayBuilder();
    for (NewPayment.LineItem l : in.lineItems()) {
      lines.add(
          Json.createObjectBuilder()
              .add("name", l.name())
              .add("quantity", l.quantity())
              .add("unit_price", l.unitPrice())
              .add("total_amount", l.totalAmount()));
    }
    NewPayment.Customer c = in.customer();
    NewPayment.Shipping s = in.shipping();
    return new AuthorizeRequest.PurchaseData(
        reference,
        lines.build(),
        c == null
            ? null
            : new AuthorizeRequest.Customer(c.email(), c.phone(), c.givenName(), c.familyName()),
        s == null ? null : shipping(s));
  }

  private static AuthorizeRequest.Shipping shipping(NewPayment.Shipping s) {
    NewPayment.Recipient r = s.recipient();
    NewPayment.Address a = s.address();
    return new AuthorizeRequest.Shipping(
        r == null
            ? null
            : new AuthorizeRequest.Customer(r.email(), r.phone(), r.givenName(), r.familyName()),
        a == null
            ? null
            : new KlarnaStore.Address(
                a.streetAddress(),
                a.streetAddress2(),
                a.postalCode(),
                a.city(),
                a.region(),
                a.country()),
        s.method());
  }
}
