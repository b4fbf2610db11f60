package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.settlements.FeePlanView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The fee one merchant agreed to per capture (platform admins set it). */
@Entity
@Table(name = "merchant_fee_plan")
class MerchantFeePlan {

  @Id
  @Column(name = "merchant_id")
  String merchantId;

  long fixed;

  @Column(name = "percent_bp")
  long percentBp;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  String updatedBy;

  @Version long version;

  protected MerchantFeePlan() {}

  MerchantFeePlan(String merchantId) {
    this.merchantId = merchantId;
  }

  void set(long fixed, long percentBp, String who, Instant now) {
    this.fixed = fixed;
    this.percentBp = percentBp;
    this.updatedBy = who;
    this.updatedAt = now;
  }

  LineMatching.FeePlan plan() {
    return new LineMatching.FeePlan(fixed, percentBp);
  }

  FeePlanView view() {
    return new FeePlanView(merchantId, fixed, percentBp, true, updatedAt, updatedBy);
  }
}
