package com.stepup.gateway.console.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change made in the console, and who made it. */
@Entity
@Table(name = "console_audit")
public class AuditEntry {

  @Id
  @SequenceGenerator(
      name = "console_audit_seq",
      sequenceName = "console_audit_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "console_audit_seq")
  long id;

  @Column(nullable = false)
  OffsetDateTime at;

  @Column(nullable = false)
  String username;

  @Column(nullable = false)
  String role;

  @Column(name = "merchant_id")
  String merchantId;

  @Column(nullable = false)
  String action;

  @Column(nullable = false)
  String target;

  String detail;

  public OffsetDateTime getAt() {
    return at;
  }

  public String getUsername() {
    return username;
  }

  public String getRole() {
    return role;
  }

  public String getMerchantId() {
    return merchantId;
  }

  public String getAction() {
    return action;
  }

  public String getTarget() {
    return target;
  }

  public String getDetail() {
    return detail;
  }
}
