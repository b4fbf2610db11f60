/**
 * Step-up payments: the partner payment API, the Klarna Payment Authorize client, the step-up (QR
 * code or redirect) and the final authorization, made exactly once. This package is the module's
 * API; {@code internal} holds the rest. It may use the stores module's API.
 */
package com.stepup.gateway.payments;
