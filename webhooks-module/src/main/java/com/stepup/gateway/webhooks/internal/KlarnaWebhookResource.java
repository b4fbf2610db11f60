package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code POST /webhooks/klarna}: reads at most 1 MB of the exact bytes Klarna signed and hands them
 * to {@link KlarnaWebhookIntake}, which answers at once. The application's body limit (the
 * gateway's {@code BodyLimits} filter) has already refused anything larger, and drained it, before
 * this runs; the check here only keeps the resource correct on its own.
 */
@Path("webhooks/klarna")
@ApplicationScoped
public class KlarnaWebhookResource {

  static final int MAX_BYTES = 1_048_576;

  private static final Logger LOG = Logger.getLogger(KlarnaWebhookResource.class.getName());

  @Inject KlarnaWebhookIntake intake;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public String receive(
      @HeaderParam("Klarna-Signature") String signature,
      @HeaderParam("Klarna-Signing-Key-Id") String keyId,
      InputStream in) {
    try {
      return intake.receive(read(in), keyId, signature);
    } catch (WebhookRefused refused) {
      throw new ApiProblem(
          400,
          "https://stepup.dev/problems/klarna-webhook",
          "Webhook refused",
          refused.getMessage(),
          List.of());
    }
  }

  private static byte[] read(InputStream in) {
    try {
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        LOG.warning("Klarna webhook refused: body over 1 MB");
        throw new ApiProblem(
            413,
            "https://stepup.dev/problems/too-large",
            "Payload too large",
            "A Klarna webhook body may be at most 1 MB.",
            List.of());
      }
      return body;
    } catch (IOException e) {
      throw ApiProblem.invalid("body", "could not be read");
    }
  }
}
