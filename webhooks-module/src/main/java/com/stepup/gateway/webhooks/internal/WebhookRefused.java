package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.errors.DomainError;

/**
 * A Klarna webhook the intake does not take (unsigned, not ours, out of time, malformed); its
 * resource answers it as the {@code klarna-webhook} problem.
 */
class WebhookRefused extends DomainError {

  WebhookRefused(String detail) {
    super(detail);
  }
}
