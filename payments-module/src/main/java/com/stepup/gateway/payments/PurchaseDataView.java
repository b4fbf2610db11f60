package com.stepup.gateway.payments;

/**
 * The shopper's purchase data a payment was taken with (personal data): for the console's payment
 * page only. Platform and merchant admins see it as given; support staff see it {@link #masked()}.
 * {@code customer} and {@code shipping} may each be null.
 */
public record PurchaseDataView(NewPayment.Customer customer, NewPayment.Shipping shipping) {

  public boolean isEmpty() {
    return customer == null && shipping == null;
  }

  /**
   * Enough to recognise a shopper on the phone ("a***@example.com", "+49*******678", "A***"), not
   * enough to learn who they are or where they live: the country and the delivery method stay.
   */
  public PurchaseDataView masked() {
    NewPayment.Customer c =
        customer == null
            ? null
            : new NewPayment.Customer(
                email(customer.email()),
                phone(customer.phone()),
                initial(customer.givenName()),
                initial(customer.familyName()));
    NewPayment.Shipping s = null;
    if (shipping != null) {
      NewPayment.Recipient r = shipping.recipient();
      NewPayment.Address a = shipping.address();
      s =
          new NewPayment.Shipping(
              r == null
                  ? null
                  : new NewPayment.Recipient(
                      initial(r.givenName()),
                      initial(r.familyName()),
                      email(r.email()),
                      phone(r.phone())),
              a == null
                  ? null
                  : new NewPayment.Address(
                      hidden(a.streetAddress()),
                      hidden(a.streetAddress2()),
                      hidden(a.postalCode()),
                      hidden(a.city()),
                      hidden(a.region()),
                      a.country()),
              shipping.method());
    }
    return new PurchaseDataView(c, s);
  }

  static String initial(String name) {
    return name == null || name.isEmpty() ? name : name.substring(0, 1) + "***";
  }

  static String hidden(String text) {
    return text == null ? null : "***";
  }

  static String email(String email) {
    if (email == null) {
      return null;
    }
    int at = email.indexOf('@');
    return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
  }

  static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    int keep = Math.min(3, phone.length());
    return phone.length() <= 6
        ? "***"
        : phone.substring(0, 3)
            + "*".repeat(phone.length() - 3 - keep)
            + phone.substring(phone.length() - keep);
  }
}
