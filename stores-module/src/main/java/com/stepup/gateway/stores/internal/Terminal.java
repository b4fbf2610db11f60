package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.TerminalInput;
import com.stepup.gateway.stores.TerminalView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A till or kiosk in a physical store; only its own methods change it. */
@Entity
@Table(name = "terminal")
class Terminal {

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "terminal_reference", nullable = false)
  private String terminalReference;

  private String name;

  @Column(name = "has_display", nullable = false)
  private boolean hasDisplay;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "display_token_hash")
  private String displayTokenHash;

  @Column(name = "display_linked_at")
  private Instant displayLinkedAt;

  /** Set by a bulk update when a display asks ({@code StoreRepository.displaySeen}). */
  @Column(name = "display_seen_at")
  private Instant displaySeenAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Terminal() {}

  static Terminal create(String merchantId, String storeId, TerminalInput input, Instant now) {
    Terminal t = new Terminal();
    t.id = Ids.next("ter");
    t.merchantId = merchantId;
    t.storeId = storeId;
    t.terminalReference = input.terminalReference();
    t.name = input.name();
    t.hasDisplay = Boolean.TRUE.equals(input.hasDisplay());
    t.active = input.active() == null || input.active();
    t.createdAt = now;
    t.updatedAt = now;
    return t;
  }

  String storeId() {
    return storeId;
  }

  /** Changes what the input gives; a null leaves that as it is. */
  void change(TerminalInput input, Instant now) {
    if (input.name() != null) {
      name = input.name();
    }
    if (input.hasDisplay() != null) {
      hasDisplay = input.hasDisplay();
    }
    if (input.active() != null) {
      active = input.active();
    }
    updatedAt = now;
  }

  /** Links a display by the hash of its new token; the old link stops working. */
  void linkDisplay(String tokenHash, Instant now) {
    displayTokenHash = tokenHash;
    updatedAt = now;
    displayLinkedAt = now;
    displaySeenAt = null;
  }

  void disconnectDisplay(Instant now) {
    displayTokenHash = null;
    displayLinkedAt = null;
    updatedAt = now;
  }

  TerminalView view() {
    return new TerminalView(
        id,
        merchantId,
        storeId,
        terminalReference,
        name,
        hasDisplay,
        active,
        createdAt,
        updatedAt,
        displayLinkedAt,
        displaySeenAt);
  }
}
