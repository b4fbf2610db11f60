package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.TerminalView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A till or kiosk in a physical store. */
@Entity
@Table(name = "terminal")
class Terminal {

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(name = "store_id", nullable = false)
  String storeId;

  @Column(name = "terminal_reference", nullable = false)
  String terminalReference;

  String name;

  @Column(name = "has_display", nullable = false)
  boolean hasDisplay;

  @Column(nullable = false)
  boolean active;

  @Column(name = "display_token_hash")
  String displayTokenHash;

  @Column(name = "display_linked_at")
  OffsetDateTime displayLinkedAt;

  @Column(name = "display_seen_at")
  OffsetDateTime displaySeenAt;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  @Version long version;

  protected Terminal() {}

  TerminalView view() {
    return new TerminalView(
        id,
        merchantId,
        storeId,
        terminalReference,
        name,
        hasDisplay,
        active,
        createdAt.toInstant(),
        updatedAt.toInstant(),
        displayLinkedAt == null ? null : displayLinkedAt.toInstant(),
        displaySeenAt == null ? null : displaySeenAt.toInstant());
  }
}
