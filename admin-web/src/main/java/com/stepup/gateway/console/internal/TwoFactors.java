package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.SecretBox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Second factors of console users (ADR 0026): enrolment, checking a code once only, recovery codes,
 * and who must have one (platform admins, unless {@code gateway.two-factor.platform-admins} is
 * {@code optional}, which demo mode makes the default; the users of merchants a platform admin
 * chose).
 */
@ApplicationScoped
class TwoFactors {

  static final String ISSUER = "Step-up gateway";

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject SecretBox box;
  @Inject Clock clock;
  @Inject ConsoleAudit audit;

  @Inject
  @ConfigProperty(name = "gateway.two-factor.platform-admins")
  Optional<String> platformAdmins;

  @Inject
  @ConfigProperty(name = "gateway.demo", defaultValue = "false")
  boolean demo;

  private TotpCodes codes;

  @PostConstruct
  void init() {
    codes = new TotpCodes(clock);
  }

  /** Whether platform admins must have a second factor. */
  boolean requiredForPlatformAdmins() {
    return platformAdmins.map(v -> !"optional".equalsIgnoreCase(v.strip())).orElse(!demo);
  }

  /** A user's second factor: whether they have one, and whether they must. */
  record State(boolean enrolled, boolean required) {}

  @Transactional
  public State state(String username) {
    return user(username)
        .map(u -> new State(u.totpSecret() != null, required(u)))
        .orElse(new State(false, false));
  }

  /** A secret to enrol, and its {@code otpauth://} URI. */
  record Enrolment(String secret, String uri) {}

  /**
   * Starts (or restarts) enrolment: a new secret, kept sealed until a code confirms it. Empty when
   * the user is unknown or already has a second factor (another admin removes it first).
   */
  @Transactional
  public Optional<Enrolment> begin(String username) {
    return user(username)
        .filter(u -> u.totpSecret() == null)
        .map(
            u -> {
              String secret = TotpCodes.newSecret();
              u.totpPending(box.seal(secret, context(u)));
              return new Enrolment(secret, TotpCodes.uri(ISSUER, u.username(), secret));
            });
  }

  /** The enrolment under way (to draw its QR code again); empty when none. */
  @Transactional
  public Optional<Enrolment> pending(String username) {
    return user(username)
        .filter(u -> u.totpSecret() == null && u.totpPending() != null)
        .map(u -> box.open(u.totpPending(), context(u)))
        .map(s -> new Enrolment(s, TotpCodes.uri(ISSUER, username, s)));
  }

  /**
   * Confirms enrolment with a first code from the app: the recovery codes, to be shown once (only
   * their hashes are kept); empty when the code is not right or no enrolment is under way.
   */
  @Transactional
  public Optional<List<String>> confirm(String username, String code) {
    Optional<ConsoleUser> found = locked(username);
    if (found.isEmpty() || found.get().totpSecret() != null || found.get().totpPending() == null) {
      return Optional.empty();
    }
    ConsoleUser u = found.get();
    String secret = box.open(u.totpPending(), context(u));
    var step = codes.accept(secret, code, Long.MIN_VALUE);
    if (step.isEmpty()) {
      return Optional.empty();
    }
    List<String> recovery = TotpCodes.newRecoveryCodes();
    u.enrolled(
        u.totpPending(),
        step.getAsLong(),
        recovery.stream().map(TotpCodes::hashRecovery).toList(),
        OffsetDateTime.now(clock));
    audit.recordAs(
        u.username(),
        u.role().name(),
        u.merchantId(),
        "two-factor.enrol",
        u.username(),
        recovery.size() + " recovery codes issued");
    return Optional.of(recovery);
  }

  /**
   * Whether the code (a current one-time code, or an unused recovery code) is right for the user;
   * it is then used up: the same code, and any code of an earlier step, is refused from then on.
   * The row is locked, so two requests with one code cannot both pass.
   */
  @Transactional
  public boolean check(String username, String code) {
    Optional<ConsoleUser> found = locked(username);
    if (found.isEmpty() || found.get().totpSecret() == null || code == null) {
      return false;
    }
    ConsoleUser u = found.get();
    if (TotpCodes.looksLikeCode(code)) {
      var step = codes.accept(box.open(u.totpSecret(), context(u)), code, u.totpLastStep());
      step.ifPresent(u::totpLastStep);
      return step.isPresent();
    }
    var hash = TotpCodes.matchRecovery(u.recoveryCodes(), code);
    hash.ifPresent(
        h -> {
          List<String> left = new ArrayList<>(u.recoveryCodes());
          left.remove(h);
          u.recoveryCodes(left);
          // a recovery code in use is worth knowing: a lost phone, or someone with the codes
          audit.recordAs(
              u.username(),
              u.role().name(),
              u.merchantId(),
              "two-factor.recovery-code",
              u.username(),
              left.size() + " recovery codes left");
        });
    return hash.isPresent();
  }

  /** How many recovery codes the user has left. */
  @Transactional
  public int recoveryCodesLeft(String username) {
    return user(username).map(u -> u.recoveryCodes().size()).orElse(0);
  }

  /**
   * Removes a user's second factor (another admin's reset, after a lost phone), recorded in the
   * audit as the caller's; false when the user is unknown or has none.
   */
  @Transactional
  public boolean remove(String username) {
    return locked(username)
        .filter(u -> u.totpSecret() != null || u.totpPending() != null)
        .map(
            u -> {
              boolean wasOn = u.totpSecret() != null;
              u.unenrolled();
              audit.record(
                  wasOn ? "two-factor.remove" : "two-factor.enrolment-cancel",
                  u.username(),
                  required(u) ? "enrols again at the next login" : "now logs in with the password");
              return true;
            })
        .orElse(false);
  }

  private boolean required(ConsoleUser u) {
    return (u.role() == ConsoleRole.PLATFORM_ADMIN && requiredForPlatformAdmins())
        || (u.merchantId() != null && requiredFor(u.merchantId()));
  }

  /** Whether the users of this merchant must have a second factor. */
  @Transactional
  public boolean requiredFor(String merchantId) {
    return !em.createNativeQuery(
            "SELECT merchant_id FROM console_two_factor_merchant WHERE merchant_id = ?1")
        .setParameter(1, merchantId)
        .getResultList()
        .isEmpty();
  }

  /** Requires (or stops requiring) a second factor of a merchant's users; a change is audited. */
  @Transactional
  public void require(String merchantId, boolean required) {
    if (requiredFor(merchantId) != required) {
      audit.record(
          required ? "two-factor.require" : "two-factor.no-longer-required", merchantId, null);
    }
    em.createNativeQuery("DELETE FROM console_two_factor_merchant WHERE merchant_id = ?1")
        .setParameter(1, merchantId)
        .executeUpdate();
    if (required) {
      em.createNativeQuery(
              "INSERT INTO console_two_factor_merchant (merchant_id, required_at)"
                  + " VALUES (?1, CURRENT_TIMESTAMP)")
          .setParameter(1, merchantId)
          .executeUpdate();
    }
  }

  /** The merchants whose users must have a second factor. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<String> requiringMerchants() {
    return ((List<Object>)
            em.createNativeQuery(
                    "SELECT merchant_id FROM console_two_factor_merchant ORDER BY merchant_id")
                .getResultList())
        .stream().map(String::valueOf).toList();
  }

  /** What a sealed secret is bound to: this user's row, so a copy to another row does not open. */
  private static String context(ConsoleUser u) {
    return "console-user-totp:" + u.id();
  }

  private Optional<ConsoleUser> user(String username) {
    return em.createQuery("select u from ConsoleUser u where u.username = :u", ConsoleUser.class)
        .setParameter("u", username)
        .getResultStream()
        .findFirst();
  }

  private Optional<ConsoleUser> locked(String username) {
    return em.createQuery("select u from ConsoleUser u where u.username = :u", ConsoleUser.class)
        .setParameter("u", username)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }
}
