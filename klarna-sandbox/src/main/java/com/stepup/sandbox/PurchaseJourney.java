package com.stepup.sandbox;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * The shopper's side: Klarna's Purchase Journey as a page (log in, pick how to pay, approve,
 * decline or abort) and the QR code that leads to it. On a HANDOVER request the browser goes back
 * to {@code return_url}, placeholders filled in.
 */
@Path("pay/requests/{uuid}")
@ApplicationScoped
public class PurchaseJourney {

  private final PaymentRequests paymentRequests;

  @Inject
  PurchaseJourney(PaymentRequests paymentRequests) {
    this.paymentRequests = paymentRequests;
  }

  /** For CDI's client proxy only. */
  protected PurchaseJourney() {
    this(null);
  }

  @GET
  @Path("qr.png")
  @Produces("image/png")
  public byte[] qr(@PathParam("uuid") String uuid) throws WriterException, IOException {
    PaymentRequest request = find(uuid);
    var matrix = new QRCodeWriter().encode(request.journeyUrl(), BarcodeFormat.QR_CODE, 320, 320);
    var png = new ByteArrayOutputStream();
    MatrixToImageWriter.writeToStream(matrix, "PNG", png);
    return png.toByteArray();
  }

  @GET
  @Path("start")
  @Produces(MediaType.TEXT_HTML)
  public String start(@PathParam("uuid") String uuid) {
    PaymentRequest request = find(uuid);
    PaymentRequestState state = request.state();
    if (state == PaymentRequestState.SUBMITTED) {
      return page(
          request,
          "<h2>Log in to Klarna</h2><form method=post action='login'>"
              + "<label for=email>Email or phone</label>"
              + "<input id=email name=email type=email value='shopper@example.com' required>"
              + "<button id=continue type=submit>Continue</button></form>");
    }
    if (state == PaymentRequestState.IN_PROGRESS) {
      return choose(request);
    }
    return page(
        request,
        "<p id=outcome data-state='" + state + "'>This payment request is " + state + ".</p>");
  }

  @POST
  @Path("login")
  @Produces(MediaType.TEXT_HTML)
  public String login(@PathParam("uuid") String uuid) {
    PaymentRequest request = find(uuid);
    if (request.state() == PaymentRequestState.SUBMITTED) {
      paymentRequests.move(request, ShopperAction.OPEN, null);
    }
    return start(uuid);
  }

  @POST
  @Path("decide")
  @Produces(MediaType.TEXT_HTML)
  public Response decide(
      @PathParam("uuid") String uuid,
      @FormParam("action") String action,
      @FormParam("payment_option") String option) {
    PaymentRequest request = find(uuid);
    ShopperAction move =
        switch (action == null ? "" : action) {
          case "approve" -> ShopperAction.COMPLETE;
          case "decline" -> ShopperAction.DECLINE;
          case "abort" -> ShopperAction.ABORT;
          default -> throw KlarnaError.validation("action", "approve, decline or abort");
        };
    paymentRequests.move(request, move, option == null ? "PAY_LATER" : option);
    String returnUrl = PaymentRequests.expandReturnUrl(request);
    if ("HANDOVER".equals(request.method) && returnUrl != null) {
      return Response.seeOther(URI.create(returnUrl)).build();
    }
    String done =
        switch (move) {
          case COMPLETE -> "Approved. You can put your phone away; the till shows the result.";
          case DECLINE -> "You declined the purchase.";
          default -> "You left the purchase. Scan the code again to retry.";
        };
    return Response.ok(
            page(request, "<p id=outcome data-state='" + request.state() + "'>" + done + "</p>"),
            MediaType.TEXT_HTML)
        .build();
  }

  private String choose(PaymentRequest request) {
    return page(
        request,
        "<h2>How do you want to pay?</h2><form method=post action='decide'>"
            + "<fieldset><legend>Payment option</legend>"
            + "<label><input type=radio name=payment_option value=PAY_IN_4 checked> Pay in 4</label>"
            + "<label><input type=radio name=payment_option value=PAY_LATER> Pay in 30 days</label>"
            + "<label><input type=radio name=payment_option value=FINANCING> Financing</label>"
            + "</fieldset>"
            + "<button id=approve name=action value=approve>Buy</button> "
            + "<button id=decline name=action value=decline>Decline</button> "
            + "<button id=abort name=action value=abort>Back to the store</button></form>");
  }

  private PaymentRequest find(String uuid) {
    return paymentRequests.byUuid(uuid).orElseThrow(() -> KlarnaError.notFound("Payment request"));
  }

  static String page(PaymentRequest request, String body) {
    return "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        + "<meta name=viewport content='width=device-width, initial-scale=1'>"
        + "<title>Klarna sandbox: Purchase Journey</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
        + "header{background:#ffb3c7;padding:.6rem 1rem;border-radius:8px;font-weight:700}"
        + "label{display:block;margin:.5rem 0}button{font:inherit;padding:.5rem 1rem;"
        + "margin-top:1rem;border-radius:6px;border:1px solid #17120f;background:#17120f;color:#fff}"
        + "</style></head><body><header>Klarna sandbox</header>"
        + "<p>Pay <strong id=amount>"
        + escape(amount(request.amount, request.currency))
        + "</strong></p>"
        + body
        + "</body></html>";
  }

  /** As Klarna shows it: by the currency's own exponent, grouped: ¥5,000, $12,345.67. */
  static String amount(long minor, String currency) {
    Currency known;
    try {
      known = Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      return BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency;
    }
    int exponent = Math.max(0, known.getDefaultFractionDigits());
    var format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(known);
    format.setMinimumFractionDigits(exponent);
    format.setMaximumFractionDigits(exponent);
    String text = format.format(BigDecimal.valueOf(minor, exponent)).replace('\u00a0', ' ');
    return text.startsWith(currency) && !text.startsWith(currency + " ")
        ? currency + " " + text.substring(currency.length())
        : text;
  }

  static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
  }
}
