/**
 * The load drivers: programs that drive a running gateway and its Klarna sandbox over real HTTP and
 * write what they measured to {@code docs/benchmark/}. {@link com.stepup.gateway.bench.BenchMain}
 * runs one scenario ({@code OneServer}, {@code TwoInstances}, {@code KillUnderLoad}) over {@code
 * InStoreSales}, {@code GatewayClient} and {@code EventStream}, and writes a {@link
 * com.stepup.gateway.bench.MarkdownReport}; the chaos run is {@code chaos}. {@link
 * com.stepup.gateway.bench.PaymentBodies} is shared with the integration tests. It uses no module
 * of the gateway: only its HTTP API, as a partner, a shopper and Klarna would.
 */
package com.stepup.gateway.bench;
