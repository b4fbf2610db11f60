package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.AttachmentView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file the merchant uploaded for a dispute: kept at Klarna, named here. */
@Entity
@Table(name = "dispute_attachment")
public class DisputeAttachment {

  @Id private String id;

  @Column(name = "dispute_id", nullable = false)
  private String disputeId;

  @Column(nullable = false)
  private String filename;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column private String description;

  @Column(name = "klarna_attachment_id", nullable = false)
  private String klarnaAttachmentId;

  @Column(name = "used_in")
  private String usedIn;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected DisputeAttachment() {}

  DisputeAttachment(
      String id,
      String disputeId,
      String filename,
      String contentType,
      long size,
      String description,
      String klarnaAttachmentId,
      Instant now) {
    this.id = id;
    this.disputeId = disputeId;
    this.filename = filename;
    this.contentType = contentType;
    this.size = size;
    this.description = description;
    this.klarnaAttachmentId = klarnaAttachmentId;
    this.createdAt = now;
  }

  String id() {
    return id;
  }

  String disputeId() {
    return disputeId;
  }

  String klarnaAttachmentId() {
    return klarnaAttachmentId;
  }

  String description() {
    return description;
  }

  String usedIn() {
    return usedIn;
  }

  void usedIn(String answer) {
    if (usedIn == null) {
      usedIn = answer;
    }
  }

  AttachmentView view() {
    return new AttachmentView(
        id, disputeId, filename, contentType, size, description, usedIn, createdAt);
  }
}
