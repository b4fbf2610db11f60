package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Admin API tokens ({@code adm_...}): issued to a platform admin who proved its password (never to
 * another token), then sent as {@code Authorization: Bearer} on every call, so the API needs no
 * password hash per request (which costs 70 ms of CPU and invites guessing). Only a SHA-256 is
 * stored. A token is bound to its user's id and stamp (password, role, merchant) and expires after
 * {@code gateway.admin.token-days} (90): a reset password, a disabled or deleted user, or a new
 * user under the same name gets nothing from it. Every platform admin sees and revokes every token.
 */
@ApplicationScoped
class AdminTokens {

  static final String PREFIX = "adm_";

  static final int DEFAULT_DAYS = 90;

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject ConsoleUsers users;
  @Inject Clock clock;

  /** A new token: the secret is in this answer only. */
  record Issued(
      String id, String token, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

  /** A token as lists show it (never the secret). */
  record Row(
      String id,
      String username,
      String prefix,
      String label,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt,
      OffsetDateTime expiresAt) {}

  /** Who a token speaks for, and which token it is (the audit names it). */
  record Caller(String username, String tokenId, String prefix) {}

  /** Issues a token to an active platform admin; empty for anyone else. */
  @Transactional
  Optional<Issued> issue(String username, String label) {
    var owner = users.binding(username).filter(b -> b.role() == ConsoleRole.PLATFORM_ADMIN);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String token = PREFIX + Ids.random(24);
    String prefix = token.substring(0, PREFIX.length() + 8);
    OffsetDateTime now = now();
    AdminToken t =
        new AdminToken(
            Ids.next("tok"),
            Ids.sha256(token),
            prefix,
            owner.get(),
            label,
            now,
            now.plusDays(days()));
    em.persist(t);
    return Optional.of(new Issued(t.id, token, prefix, t.createdAt, t.expiresAt));
  }

  /** Whose token this is, while it is known, unrevoked, unexpired and its binding holds. */
  @Transactional
  Optional<Caller> caller(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    OffsetDateTime now = now();
    Optional<AdminToken> found =
        em.createQuery(
                "SELECT t FROM AdminToken t WHERE t.tokenHash = :h AND t.revokedAt IS NULL",
                AdminToken.class)
            .setParameter("h", Ids.sha256(token))
            .getResultStream()
            .findFirst()
            .filter(t -> users.binding(t.username).filter(b -> t.valid(b, now)).isPresent());
    found.ifPresent(
        t -> {
          if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minusMinutes(1))) {
            t.usedAt(now); // at most once a minute, so each call is not a write
          }
        });
    return found.map(t -> new Caller(t.username, t.id, t.prefix));
  }

  /** One user's tokens, or every token when {@code username} is null, newest first. */
  @Transactional
  List<Row> of(String username) {
    var query =
        username == null
            ? em.createQuery(
                "SELECT t FROM AdminToken t ORDER BY t.createdAt DESC, t.id", AdminToken.class)
            : em.createQuery(
                    "SELECT t FROM AdminToken t WHERE t.username = :u"
                        + " ORDER BY t.createdAt DESC, t.id",
                    AdminToken.class)
                .setParameter("u", username);
    return query
        .setMaxResults(1000)
        .getResultStream()
        .map(
            t ->
                new Row(
                    t.id,
                    t.username,
                    t.prefix,
                    t.label,
                    t.createdAt,
                    t.lastUsedAt,
                    t.revokedAt,
                    t.expiresAt))
        .toList();
  }

  /** Revokes a token, whoever's it is (platform admins look after each other's); false if none. */
  @Transactional
  boolean revoke(String id) {
    AdminToken t = id == null ? null : em.find(AdminToken.class, id);
    if (t == null) {
      return false;
    }
    if (t.revokedAt == null) {
      t.revokedAt(now());
    }
    return true;
  }

  static int days() {
    int days =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.admin.token-days", Integer.class)
            .orElse(DEFAULT_DAYS);
    return Math.max(1, Math.min(days, 3650));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
