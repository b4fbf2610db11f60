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

/**
 * Admin API tokens ({@code adm_...}): issued to a platform admin who proved its password once, then
 * sent as {@code Authorization: Bearer} on every call, so the API needs no password hash per
 * request (which costs 70 ms of CPU and invites guessing). Only a SHA-256 is stored; a token stops
 * working when revoked or when its user is no longer an active platform admin.
 */
@ApplicationScoped
class AdminTokens {

  static final String PREFIX = "adm_";

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject ConsoleUsers users;
  @Inject Clock clock;

  /** A new token: the secret is in this answer only. */
  record Issued(String id, String token, String prefix, OffsetDateTime createdAt) {}

  /** A token as lists show it (never the secret). */
  record Row(
      String id,
      String prefix,
      String label,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt) {}

  @Transactional
  Issued issue(String username, String label) {
    String token = PREFIX + Ids.random(24);
    String prefix = token.substring(0, PREFIX.length() + 8);
    AdminToken t =
        new AdminToken(Ids.next("tok"), Ids.sha256(token), prefix, username, label, now());
    em.persist(t);
    return new Issued(t.id, token, prefix, t.createdAt);
  }

  /** Whose token this is, when it is known, not revoked, and its user still a platform admin. */
  @Transactional
  Optional<String> caller(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    Optional<AdminToken> found =
        em.createQuery(
                "SELECT t FROM AdminToken t WHERE t.tokenHash = :h AND t.revokedAt IS NULL",
                AdminToken.class)
            .setParameter("h", Ids.sha256(token))
            .getResultStream()
            .findFirst()
            .filter(t -> users.activeRole(t.username).orElse(null) == ConsoleRole.PLATFORM_ADMIN);
    found.ifPresent(
        t -> {
          if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now().minusMinutes(1))) {
            t.usedAt(now()); // at most once a minute, so each call is not a write
          }
        });
    return found.map(t -> t.username);
  }

  @Transactional
  List<Row> of(String username) {
    return em.createQuery(
            "SELECT t FROM AdminToken t WHERE t.username = :u ORDER BY t.createdAt DESC",
            AdminToken.class)
        .setParameter("u", username)
        .getResultStream()
        .map(t -> new Row(t.id, t.prefix, t.label, t.createdAt, t.lastUsedAt, t.revokedAt))
        .toList();
  }

  /** Revokes one of {@code username}'s tokens; false when it has no such token. */
  @Transactional
  boolean revoke(String username, String id) {
    AdminToken t = em.find(AdminToken.class, id);
    if (t == null || !t.username.equals(username)) {
      return false;
    }
    if (t.revokedAt == null) {
      t.revokedAt(now());
    }
    return true;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
