package com.stepup.sandbox;

import com.stepup.sandbox.Dispute.Attachment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a partner uploads as a dispute's evidence (KLARNA-API.md §11.5): checked by {@link
 * DisputeFiles}, kept on the dispute while an answer can still be given (INITIATED before the
 * evidence is sent, PRE_ARBITRATION before the appeal), at most {@value #MAX_UPLOADS_PER_DISPUTE}
 * per dispute.
 */
@ApplicationScoped
public class DisputeAttachments {

  static final int MAX_UPLOADS_PER_DISPUTE = 30;

  private final SandboxClock clock;
  private final Disputes disputes;

  @Inject
  DisputeAttachments(SandboxClock clock, Disputes disputes) {
    this.clock = clock;
    this.disputes = disputes;
  }

  /** For CDI's client proxy only. */
  protected DisputeAttachments() {
    this(null, null);
  }

  /** Checks and keeps one uploaded file. */
  JsonObject upload(String id, String filename, String partFilename, byte[] content) {
    Dispute d = disputes.get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    DisputeFiles.FileType type = DisputeFiles.checkFile(filename, partFilename, content, invalid);
    synchronized (d) {
      boolean answerable =
          d.evidenceRequested()
              || (d.state == DisputeState.PRE_ARBITRATION && d.arbitrationRequest == null);
      if (!answerable) {
        throw KlarnaError.conflict(
            "Attachments can no longer be uploaded: the partner has already submitted evidence"
                + " for this dispute, or it is "
                + d.state
                + ".");
      }
      if (!invalid.isEmpty()) {
        throw KlarnaError.validation(invalid);
      }
      if (d.uploads.size() >= MAX_UPLOADS_PER_DISPUTE) {
        throw KlarnaError.forbidden(
            "At most " + MAX_UPLOADS_PER_DISPUTE + " attachments per dispute.");
      }
      String name =
          filename != null ? filename + "." + DisputeFiles.extension(partFilename) : partFilename;
      Attachment a =
          new Attachment(
              d.id + ":attachment:" + (d.uploads.size() + 1),
              name,
              type.mimeType,
              content,
              clock.instant());
      d.uploads.put(a.id(), a);
      d.updatedAt = a.createdAt();
      return Json.createObjectBuilder().add("payment_dispute_attachment_id", a.id()).build();
    }
  }

  Attachment attachment(String id, String attachmentId) {
    Dispute d = disputes.get(id);
    synchronized (d) {
      Attachment a = d.uploads.get(attachmentId);
      if (a == null) {
        throw KlarnaError.notFound("Attachment " + attachmentId + " of dispute " + id);
      }
      return a;
    }
  }
}
