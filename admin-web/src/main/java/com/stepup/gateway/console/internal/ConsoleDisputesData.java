package com.stepup.gateway.console.internal;

import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.disputes.NewAttachment;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.errors.DomainError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A dispute's data that is not a page: the evidence pack to download, and a file uploaded from the
 * dispute page (sent by its script as it is, after it checked the type and size; the server checks
 * again). Behind the console's login and its same-origin guard, scoped like the pages; only
 * merchant and platform admins upload.
 */
@RequestScoped
@Path("console/disputes-data")
public class ConsoleDisputesData {

  @Inject ConsoleCaller caller;
  @Inject Disputes disputes;
  @Inject ConsoleAudit audit;

  @GET
  @Path("{id}/evidence-pack")
  public Response evidencePack(@PathParam("id") String id) {
    byte[] pdf = disputes.evidencePack(caller.merchantScope(), id);
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "attachment; filename=\"evidence-pack-" + id + ".pdf\"")
        .build();
  }

  /** The file as the body; its name in {@code X-File-Name} (a header no other site may send). */
  @POST
  @Path("{id}/attachments")
  @Consumes(MediaType.WILDCARD)
  public Response upload(
      @PathParam("id") String id,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("X-File-Name") String fileName,
      byte[] body) {
    caller.requireOperator();
    if (fileName == null || fileName.isBlank()) {
      return text(400, "X-File-Name is required");
    }
    String name = URLDecoder.decode(fileName, StandardCharsets.UTF_8);
    try {
      disputes.upload(
          caller.merchantScope(),
          id,
          new NewAttachment(name, contentType, body == null ? new byte[0] : body, null));
    } catch (DomainError refused) {
      return text(ApiProblem.from(refused).status(), refused.getMessage());
    }
    audit.record("dispute.upload", id, name);
    return text(201, name);
  }

  private static Response text(int status, String text) {
    return Response.status(status).type("text/plain;charset=UTF-8").entity(text).build();
  }
}
