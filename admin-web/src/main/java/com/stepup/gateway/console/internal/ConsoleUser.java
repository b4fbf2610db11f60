package com.stepup.gateway.console.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** A person who logs into the console. The password is kept only as a PBKDF2 hash. */
@Entity
@Table(name = "console_user")
class ConsoleUser {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "console_user_seq")
  @SequenceGenerator(
      name = "console_user_seq",
      sequenceName = "console_user_seq",
      allocationSize = 1)
  private Long id;

  @Column(nullable = false, unique = true, length = 100)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 255)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private ConsoleRole role;

  @Column(name = "merchant_id")
  private String merchantId;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "last_login_at")
  private OffsetDateTime lastLoginAt;

  /** The TOTP secret, sealed ({@code SecretBox}); null until enrolment is confirmed. */
  @Column(name = "totp_secret", length = 255)
  private String totpSecret;

  /** A secret being enrolled, sealed, until a first code confirms it. */
  @Column(name = "totp_pending", length = 255)
  private String totpPending;

  @Column(name = "totp_enrolled_at")
  private OffsetDateTime totpEnrolledAt;

  /** The last time step a code was accepted for: that code and earlier ones no longer work. */
  @Column(name = "totp_last_step", nullable = false)
  private long totpLastStep;

  /** SHA-256 of the unused recovery codes, comma-separated. */
  @Column(name = "recovery_codes", length = 1000)
  private String recoveryCodes;

  protected ConsoleUser() {}

  ConsoleUser(
      String username,
      String passwordHash,
      ConsoleRole role,
      String merchantId,
      OffsetDateTime now) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.merchantId = merchantId;
    this.enabled = true;
    this.createdAt = now;
  }

  Long id() {
    return id;
  }

  String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  ConsoleRole role() {
    return role;
  }

  String merchantId() {
    return merchantId;
  }

  boolean enabled() {
    return enabled;
  }

  OffsetDateTime lastLoginAt() {
    return lastLoginAt;
  }

  void loggedInAt(OffsetDateTime when) {
    this.lastLoginAt = when;
  }

  void enabled(boolean enabled) {
    this.enabled = enabled;
  }

  void passwordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  String totpSecret() {
    return totpSecret;
  }

  String totpPending() {
    return totpPending;
  }

  void totpPending(String sealed) {
    this.totpPending = sealed;
  }

  long totpLastStep() {
    return totpLastStep;
  }

  void totpLastStep(long step) {
    this.totpLastStep = step;
  }

  OffsetDateTime totpEnrolledAt() {
    return totpEnrolledAt;
  }

  List<String> recoveryCodes() {
    return recoveryCodes == null || recoveryCodes.isEmpty()
        ? List.of()
        : List.of(recoveryCodes.split(","));
  }

  void recoveryCodes(List<String> hashes) {
    this.recoveryCodes = String.join(",", hashes);
  }

  /** Enrolment confirmed: the pending secret becomes the secret. */
  void enrolled(String sealedSecret, long step, List<String> recoveryHashes, OffsetDateTime when) {
    this.totpSecret = sealedSecret;
    this.totpPending = null;
    this.totpLastStep = step;
    this.totpEnrolledAt = when;
    recoveryCodes(recoveryHashes);
  }

  /** The second factor removed (an admin's reset, when a phone and its recovery codes are lost). */
  void unenrolled() {
    this.totpSecret = null;
    this.totpPending = null;
    this.totpEnrolledAt = null;
    this.recoveryCodes = null;
  }
}
