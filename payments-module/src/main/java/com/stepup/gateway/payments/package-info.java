/**
 * Step-up payments: the partner payment API, the step-up (QR code or redirect) and the final
 * authorization, made exactly once. This package is the module's API: {@code Payments} for the
 * partner API and the console, {@code KlarnaSignals} for what Klarna says (the webhooks module),
 * views, filters, the state machine. {@code internal} holds the rest: the {@code Payment}
 * aggregate, which makes every decision; {@code PaymentRepository} (stores), {@code PaymentQueries}
 * and {@code PaymentListQueries} (reads); the use cases ({@code TakingPayments}, {@code
 * FinalAuthorization}, {@code Cancelling}, {@code KlarnaSignalHandling}, {@code JanitorCheck}); the
 * HTTP edge (resources, the event stream), the only classes that know JAX-RS. It may use the stores
 * module's and the Klarna client's APIs.
 */
package com.stepup.gateway.payments;
