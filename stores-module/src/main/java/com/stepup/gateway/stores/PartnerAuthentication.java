package com.stepup.gateway.stores;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Idempotent;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Resolves {@code Authorization: Bearer <api key>} to the merchant, for the partner API, and holds
 * the call to the key's scopes: a key without the scope the call needs ({@link
 * ApiScope#requiredFor}) gets a {@code 403} problem naming it.
 */
@Provider
@PartnerAuthenticated
@Priority(Priorities.AUTHENTICATION)
class PartnerAuthentication implements ContainerRequestFilter, ContainerResponseFilter {

  @Inject StoreDirectory directory;
  @Inject PartnerCaller caller;
  @Inject PartnerRateLimits limits;

  private static final String RATE = PartnerAuthentication.class.getName() + ".rate";

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      request.abortWith(
          ApiProblem.unauthorized("Send your API key as Authorization: Bearer <key>.")
              .toResponse());
      return;
    }
    var key = directory.partnerKey(header.substring(7).strip());
    var merchant = key.map(PartnerKey::merchant);
    if (merchant.isEmpty()) {
      request.abortWith(
          ApiProblem.unauthorized("The API key is not known or has been revoked.").toResponse());
      return;
    }
    if (merchant.get().status() != MerchantView.Status.ACTIVE) {
      request.abortWith(
          ApiProblem.forbidden("The merchant is suspended; contact the platform.").toResponse());
      return;
    }
    ApiScope needed = ApiScope.requiredFor(request.getMethod(), request.getUriInfo().getPath());
    if (!key.get().allows(needed)) {
      request.abortWith(
          ApiProblem.forbidden(
                  "This API key does not hold the scope "
                      + needed.wire()
                      + ", which this call needs; issue a key with it.")
              .with("scope", needed.wire())
              .toResponse());
      return;
    }
    RateLimiter.Decision rate = limits.take(key.get());
    request.setProperty(RATE, rate);
    if (!rate.allowed()) {
      var refused =
          Response.fromResponse(
                  new ApiProblem(
                          429,
                          "https://stepup.dev/problems/rate-limited",
                          "Too many requests",
                          "This API key made "
                              + rate.limit()
                              + " requests this minute, its limit; wait "
                              + rate.resetSeconds()
                              + " s.",
                          List.of())
                      .toResponse())
              .header("Retry-After", rate.resetSeconds());
      request.abortWith(rateHeaders(refused, rate).build());
      return;
    }
    caller.authenticated(merchant.get(), key.get());
    request.setProperty(Idempotent.SCOPE, merchant.get().id());
  }

  /** Every answer to a key that was counted carries its {@code RateLimit-*} headers. */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(RATE) instanceof RateLimiter.Decision rate
        && !response.getHeaders().containsKey("RateLimit-Limit")) {
      response.getHeaders().putSingle("RateLimit-Limit", rate.limit());
      response.getHeaders().putSingle("RateLimit-Remaining", rate.remaining());
      response.getHeaders().putSingle("RateLimit-Reset", rate.resetSeconds());
    }
  }

  private static Response.ResponseBuilder rateHeaders(
      Response.ResponseBuilder response, RateLimiter.Decision rate) {
    return response
        .header("RateLimit-Limit", rate.limit())
        .header("RateLimit-Remaining", rate.remaining())
        .header("RateLimit-Reset", rate.resetSeconds());
  }
}
