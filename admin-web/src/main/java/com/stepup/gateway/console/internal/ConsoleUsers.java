package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Console users: creating them with a hashed password, and checking a login. */
@ApplicationScoped
class ConsoleUsers {

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject Pbkdf2PasswordHash passwordHash;

  @Inject Clock clock;

  @Inject Merchants merchants;

  @Inject Stores stores;

  static final int MIN_PASSWORD = 12;

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

  /**
   * Adds a console user after checking every field (400 listing them) and that the username is free
   * (409). A merchant admin needs a merchant; a platform admin has none.
   */
  @Transactional
  public void add(String username, String password, ConsoleRole role, String merchantId) {
    add(username, password, role, merchantId, List.of());
  }

  /** The same, with the stores of a store manager (ids of the merchant's stores). */
  @Transactional
  public void add(
      String username,
      String password,
      ConsoleRole role,
      String merchantId,
      List<String> storeIds) {
    List<FieldError> errors = check(username, password, role, merchantId);
    errors.addAll(checkStores(role, merchantId, storeIds));
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    if (byUsername(username).isPresent()) {
      throw new Conflict("username", "A console user with this username exists.");
    }
    create(username, password.toCharArray(), role, merchantId);
    if (role == ConsoleRole.STORE_MANAGER) {
      long id = byUsername(username).orElseThrow().id();
      for (String store : new LinkedHashSet<>(storeIds)) {
        em.createNativeQuery("INSERT INTO console_user_store (user_id, store_id) VALUES (?1, ?2)")
            .setParameter(1, id)
            .setParameter(2, store)
            .executeUpdate();
      }
    }
  }

  /**
   * What is wrong with a user's stores: a store manager needs at least one, all of its merchant;
   * other roles have none.
   */
  List<FieldError> checkStores(ConsoleRole role, String merchantId, List<String> storeIds) {
    List<FieldError> errors = new ArrayList<>();
    List<String> ids = storeIds == null ? List.of() : storeIds;
    if (role != ConsoleRole.STORE_MANAGER) {
      if (!ids.isEmpty()) {
        errors.add(new FieldError("store_ids", "only a STORE_MANAGER is limited to stores"));
      }
      return errors;
    }
    if (ids.isEmpty()) {
      errors.add(new FieldError("store_ids", "a STORE_MANAGER needs at least one store"));
    } else if (merchantId != null) {
      var theirs =
          stores.list(merchantId, null, 0, 1000).items().stream()
              .map(StoreView::id)
              .collect(Collectors.toSet());
      ids.stream()
          .filter(id -> !theirs.contains(id))
          .findFirst()
          .ifPresent(
              id ->
                  errors.add(new FieldError("store_ids", "no such store of this merchant: " + id)));
    }
    return errors;
  }

  /** The stores a store manager is limited to (ids); empty for other users. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<String> storesOf(String username) {
    return byUsername(username)
        .filter(u -> u.role() == ConsoleRole.STORE_MANAGER)
        .map(
            u ->
                ((List<Object>)
                        em.createNativeQuery(
                                "SELECT store_id FROM console_user_store WHERE user_id = ?1"
                                    + " ORDER BY store_id")
                            .setParameter(1, u.id())
                            .getResultList())
                    .stream().map(String::valueOf).toList())
        .orElse(List.of());
  }

  /** What is wrong with a new console user's data, field by field. */
  public List<FieldError> check(
      String username, String password, ConsoleRole role, String merchantId) {
    List<FieldError> errors = new ArrayList<>();
    if (username == null
        || !username.matches("[A-Za-z0-9._@-]{1," + LoginForm.MAX_USERNAME + "}")) {
      errors.add(
          new FieldError(
              "username", "use 1 to " + LoginForm.MAX_USERNAME + " letters, digits and . _ @ -"));
    }
    if (password == null
        || password.length() < MIN_PASSWORD
        || password.length() > LoginForm.MAX_PASSWORD) {
      errors.add(
          new FieldError(
              "password",
              "must be at least "
                  + MIN_PASSWORD
                  + " characters (at most "
                  + LoginForm.MAX_PASSWORD
                  + ")"));
    }
    if (role == null) {
      errors.add(
          new FieldError(
              "role", "must be PLATFORM_ADMIN, MERCHANT_ADMIN, SUPPORT or STORE_MANAGER"));
    } else if ((role == ConsoleRole.MERCHANT_ADMIN || role == ConsoleRole.STORE_MANAGER)
        && merchantId == null) {
      errors.add(new FieldError("merchant_id", "is required for a " + role));
    } else if (role == ConsoleRole.PLATFORM_ADMIN && merchantId != null) {
      errors.add(new FieldError("merchant_id", "a PLATFORM_ADMIN is not limited to a merchant"));
    }
    if (merchantId != null && merchants.find(merchantId).isEmpty()) {
      errors.add(new FieldError("merchant_id", "no such merchant"));
    }
    return errors;
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
    return byUsername(username).map(ConsoleUser::merchantId);
  }

  /** A console user as pages show it. */
  record UserRow(String username, ConsoleRole role, boolean enabled, OffsetDateTime lastLoginAt) {}

  /** The users of a merchant; of the platform (no merchant) when {@code merchantId} is null. */
  @Transactional
  public List<UserRow> ofMerchant(String merchantId) {
    return (merchantId == null
            ? em.createQuery(
                "select u from ConsoleUser u where u.merchantId is null order by u.username",
                ConsoleUser.class)
            : em.createQuery(
                    "select u from ConsoleUser u where u.merchantId = :m order by u.username",
                    ConsoleUser.class)
                .setParameter("m", merchantId))
        .getResultStream()
        .map(u -> new UserRow(u.username(), u.role(), u.enabled(), u.lastLoginAt()))
        .toList();
  }

  /**
   * The user's role when the password matches, the user is enabled and its merchant (if any) is not
   * suspended; empty otherwise.
   */
  @Transactional
  public Optional<ConsoleRole> verify(String username, char[] password) {
    Optional<ConsoleUser> user = byUsername(username);
    boolean matches =
        passwordHash.verify(password, user.map(ConsoleUser::passwordHash).orElse(decoyHash));
    if (user.isEmpty() || !matches || !active(user.get())) {
      return Optional.empty();
    }
    user.get().loggedInAt(OffsetDateTime.now(clock));
    return Optional.of(user.get().role());
  }

  /**
   * What a logged-in session must still match to go on: a fingerprint of the user's password, role
   * and merchant; empty when the user is gone, disabled, or its merchant suspended. A session whose
   * stamp no longer matches ends, so disabling a user, resetting a password or suspending a
   * merchant ends their sessions at their next request.
   */
  @Transactional
  public Optional<String> stamp(String username) {
    return byUsername(username).filter(this::active).map(ConsoleUsers::stampOf);
  }

  private static String stampOf(ConsoleUser u) {
    return Ids.sha256(u.passwordHash() + "|" + u.role() + "|" + u.merchantId()).substring(0, 24);
  }

  /** What an admin token is bound to: the user's id (not its name), stamp and role. */
  record Binding(String username, long userId, String stamp, ConsoleRole role) {}

  /** The binding of an active user; empty when the user is gone, disabled or suspended. */
  @Transactional
  public Optional<Binding> binding(String username) {
    return byUsername(username)
        .filter(this::active)
        .map(u -> new Binding(u.username(), u.id(), stampOf(u), u.role()));
  }

  /**
   * Revokes every admin token of a user whose password was reset, who was disabled or deleted: the
   * binding already refuses them, and the list then says so too.
   */
  private void revokeTokens(String username) {
    em.createQuery(
            "UPDATE AdminToken t SET t.revokedAt = :now"
                + " WHERE t.username = :u AND t.revokedAt IS NULL")
        .setParameter("now", OffsetDateTime.now(clock))
        .setParameter("u", username)
        .executeUpdate();
  }

  /**
   * Whether the user is enabled, belongs to a merchant that is suspended, and (when {@code
   * password} is given) this is their password: such a user is told why they cannot sign in,
   * instead of "not correct", which invites retries into the lockout. The password is hashed only
   * for a suspended merchant's user.
   */
  @Transactional
  public boolean suspended(String username, char[] password) {
    Optional<ConsoleUser> user = byUsername(username);
    if (user.isEmpty() || !user.get().enabled() || user.get().merchantId() == null) {
      return false;
    }
    boolean merchantSuspended =
        merchants
            .find(user.get().merchantId())
            .map(m -> m.status() != MerchantView.Status.ACTIVE)
            .orElse(false);
    return merchantSuspended
        && (password == null || passwordHash.verify(password, user.get().passwordHash()));
  }

  /** The role of an enabled user whose merchant (if any) is active; empty otherwise. */
  @Transactional
  public Optional<ConsoleRole> activeRole(String username) {
    return byUsername(username).filter(this::active).map(ConsoleUser::role);
  }

  private boolean active(ConsoleUser user) {
    return user.enabled()
        && (user.merchantId() == null
            || merchants
                .find(user.merchantId())
                .map(m -> m.status() == MerchantView.Status.ACTIVE)
                .orElse(false));
  }

  /** Disables or enables a user; false when there is no such user. */
  @Transactional
  public boolean enable(String username, boolean enabled) {
    return byUsername(username)
        .map(
            u -> {
              u.enabled(enabled);
              if (!enabled) {
                revokeTokens(u.username());
              }
              return true;
            })
        .orElse(false);
  }

  /** Sets a new password; false when there is no such user. */
  @Transactional
  public boolean resetPassword(String username, char[] password) {
    return byUsername(username)
        .map(
            u -> {
              u.passwordHash(passwordHash.generate(password));
              revokeTokens(u.username());
              return true;
            })
        .orElse(false);
  }

  /** Deletes a user; false when there is no such user. */
  @Transactional
  public boolean delete(String username) {
    return byUsername(username)
        .map(
            u -> {
              em.remove(u);
              revokeTokens(u.username());
              return true;
            })
        .orElse(false);
  }

  @Transactional
  public boolean exists(String username) {
    return byUsername(username).isPresent();
  }

  private Optional<ConsoleUser> byUsername(String username) {
    return em.createQuery("select u from ConsoleUser u where u.username = :u", ConsoleUser.class)
        .setParameter("u", username)
        .getResultStream()
        .findFirst();
  }
}
