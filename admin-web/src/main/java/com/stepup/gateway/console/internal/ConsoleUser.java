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
}
