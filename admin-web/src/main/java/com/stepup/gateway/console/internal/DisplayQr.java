package com.stepup.gateway.console.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.stores.StoreDirectory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The QR code of the terminal's pending payment, drawn here as SVG from Klarna's QR target URL:
 * sharp at any screen size, and the display loads nothing from another host. Drawing it is the
 * moment the shopper is shown it: the payment's timeline says so, once ({@code QR_SHOWN}).
 */
@RequestScoped
@Path("display/{token}/qr.svg")
public class DisplayQr {

  @Inject StoreDirectory directory;
  @Inject Payments payments;

  @GET
  @Produces("image/svg+xml")
  public Response qr(@PathParam("token") String token) {
    var terminal = directory.displayTerminal(token);
    PaymentView pending =
        payments
            .latestOnTerminal(terminal.id())
            .filter(p -> p.status() == PaymentStatus.PENDING && p.klarna().qrTargetUrl() != null)
            .orElseThrow(() -> ApiProblem.notFound("QR code"));
    String svg = svg(pending.klarna().qrTargetUrl());
    payments.qrShownOnDisplay(pending.id()); // the display draws this once per payment it shows
    return Response.ok(svg).header("Cache-Control", "no-store").build();
  }

  static String svg(String text) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot draw a QR code for this URL", e);
    }
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + m.getWidth()
        + " "
        + m.getHeight()
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
