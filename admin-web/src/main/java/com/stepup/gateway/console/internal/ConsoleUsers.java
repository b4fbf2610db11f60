package com.stepup.gateway.console.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** Console users: creating them with a hashed password, and checking a login. */
@ApplicationScoped
class ConsoleUsers {

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject Pbkdf2PasswordHash passwordHash;

  @Inject Clock clock;

  /** Compared against when the username is unknown, so both cases take the same time. */
  private String decoyHash;

  @PostConstruct
  void init() {
    passwordHash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "120000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    decoyHash = passwordHash.generate("decoy-password".toCharArray());
  }

  @Transactional
  public boolean any() {
    return !em.createQuery("select u.id from ConsoleUser u", Long.class)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Transactional
  public void create(String username, char[] password, ConsoleRole role, String merchantId) {
    em.persist(
        new ConsoleUser(
            username,
            passwordHash.generate(password),
            role,
            merchantId,
            OffsetDateTime.now(clock)));
  }

  /** The merchant a user is scoped to; empty for platform-wide users. */
  @Transactional
  public Optional<String> merchantOf(String username) {
    return em.createQuery("select u from ConsoleUser u where u.username = :u", ConsoleUser.class)
        .setParameter("u", username)
        .getResultStream()
        .findFirst()
        .map(ConsoleUser::merchantId);
  }

  /** A console user as pages show it. */
  record UserRow(String username, ConsoleRole role, boolean enabled, OffsetDateTime lastLoginAt) {}

  @Transactional
  public java.util.List<UserRow> ofMerchant(String merchantId) {
    return em.createQuery(
            "select u from ConsoleUser u where u.merchantId = :m order by u.username",
            ConsoleUser.class)
        .setParameter("m", merchantId)
        .getResultStream()
        .map(u -> new UserRow(u.username(), u.role(), u.enabled(), u.lastLoginAt()))
        .toList();
  }

  @Transactional
  public boolean exists(String username) {
    return !em.createQuery("select u.id from ConsoleUser u where u.username = :u", Long.class)
        .setParameter("u", username)
        .getResultList()
        .isEmpty();
  }

  /** The user's role when the password matches and the user is enabled; empty otherwise. */
  @Transactional
  public Optional<ConsoleRole> verify(String username, char[] password) {
    Optional<ConsoleUser> user =
        em.createQuery("select u from ConsoleUser u where u.username = :u", ConsoleUser.class)
            .setParameter("u", username)
            .getResultStream()
            .findFirst();
    boolean matches =
        passwordHash.verify(password, user.map(ConsoleUser::passwordHash).orElse(decoyHash));
    if (user.isEmpty() || !matches || !user.get().enabled()) {
      return Optional.empty();
    }
    user.get().loggedInAt(OffsetDateTime.now(clock));
    return Optional.of(user.get().role());
  }
}
