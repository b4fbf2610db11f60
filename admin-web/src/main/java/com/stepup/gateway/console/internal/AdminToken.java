package com.stepup.gateway.console.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A token a platform admin uses on the admin API instead of its password; stored hashed. */
@Entity
@Table(name = "admin_token")
public class AdminToken {

  @Id String id;

  @Column(name = "token_hash", nullable = false)
  String tokenHash;

  @Column(nullable = false)
  String prefix;

  @Column(nullable = false)
  String username;

  String label;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "last_used_at")
  OffsetDateTime lastUsedAt;

  @Column(name = "revoked_at")
  OffsetDateTime revokedAt;

  protected AdminToken() {}

  AdminToken(
      String id,
      String tokenHash,
      String prefix,
      String username,
      String label,
      OffsetDateTime now) {
    this.id = id;
    this.tokenHash = tokenHash;
    this.prefix = prefix;
    this.username = username;
    this.label = label;
    this.createdAt = now;
  }

  // changed through the entity's own methods, which EclipseLink's change tracking sees

  void usedAt(OffsetDateTime when) {
    this.lastUsedAt = when;
  }

  void revokedAt(OffsetDateTime when) {
    this.revokedAt = when;
  }
}
