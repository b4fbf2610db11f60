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

  /** The id of the user it was issued to: a new user under the same name is someone else. */
  @Column(name = "user_id")
  Long userId;

  /** The user's stamp (password, role, merchant) at issue: a reset password no longer matches. */
  @Column(name = "user_stamp")
  String userStamp;

  @Column(name = "expires_at")
  OffsetDateTime expiresAt;

  protected AdminToken() {}

  AdminToken(
      String id,
      String tokenHash,
      String prefix,
      ConsoleUsers.Binding owner,
      String label,
      OffsetDateTime now,
      OffsetDateTime expiresAt) {
    this.id = id;
    this.tokenHash = tokenHash;
    this.prefix = prefix;
    this.username = owner.username();
    this.userId = owner.userId();
    this.userStamp = owner.stamp();
    this.label = label;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  /** Whether this token still speaks for {@code owner} at {@code now}. */
  boolean valid(ConsoleUsers.Binding owner, OffsetDateTime now) {
    return revokedAt == null
        && expiresAt != null
        && now.isBefore(expiresAt)
        && userId != null
        && userId.equals(owner.userId())
        && owner.stamp().equals(userStamp)
        && owner.role() == ConsoleRole.PLATFORM_ADMIN;
  }

  // changed through the entity's own methods, which EclipseLink's change tracking sees

  void usedAt(OffsetDateTime when) {
    this.lastUsedAt = when;
  }

  void revokedAt(OffsetDateTime when) {
    this.revokedAt = when;
  }
}
