package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Second factors through the admin API (platform admins): enrolling one's own (a secret and its
 * {@code otpauth://} URI, then a first code that returns the recovery codes, once), and which
 * merchants' users must have one. With HTTP Basic, an enrolled user sends a code in the {@code
 * Gateway-OTP} header ({@link ConsoleAuthentication}).
 */
@Path("api/v1/admin/two-factor")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminTwoFactorResource {

  @Inject TwoFactors twoFactors;
  @Inject ConsoleCaller caller;
  @Inject Merchants merchants;

  /** The caller's second factor: whether it is on, and whether it must be. */
  @GET
  public Response state() {
    var state = twoFactors.state(caller.username());
    return Response.ok(
            Json.createObjectBuilder()
                .add("enrolled", state.enrolled())
                .add("required", state.required())
                .build()
                .toString())
        .build();
  }

  /** Starts the caller's enrolment: {@code secret} and {@code otpauth_uri}; 409 when on already. */
  @POST
  public Response begin() {
    var enrolment =
        twoFactors
            .begin(caller.username())
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        null,
                        "This user has a second factor already; another platform admin can"
                            + " remove it (DELETE /api/v1/admin/users/{username}/two-factor)."));
    return Response.ok(
            Json.createObjectBuilder()
                .add("secret", enrolment.secret())
                .add("otpauth_uri", enrolment.uri())
                .build()
                .toString())
        .header("Cache-Control", "no-store")
        .build();
  }

  /** {@code {"code": "123456"}}: turns the second factor on; the recovery codes, shown once. */
  @POST
  @Path("confirm")
  public Response confirm(String body) {
    JsonInput in = JsonInput.parse(body);
    in.rejectUnknown(Set.of("code"));
    String code = in.requiredText("code", 40);
    in.check();
    var recovery =
        twoFactors
            .confirm(caller.username(), code)
            .orElseThrow(
                () ->
                    ApiProblem.invalid(
                        "code",
                        "is not right for the enrolment under way (POST /api/v1/admin/two-factor"
                            + " first)"));
    var codes = Json.createArrayBuilder();
    recovery.forEach(codes::add);
    return Response.ok(Json.createObjectBuilder().add("recovery_codes", codes).build().toString())
        .header("Cache-Control", "no-store")
        .build();
  }

  /** The merchants whose users must have a second factor. */
  @GET
  @Path("merchants")
  public Response requiring() {
    var ids = Json.createArrayBuilder();
    twoFactors.requiringMerchants().forEach(ids::add);
    return Response.ok(Json.createObjectBuilder().add("merchant_ids", ids).build().toString())
        .build();
  }

  /**
   * {@code {"required": true}}: the merchant's users must enrol a second factor at their next
   * login, before anything else; false lifts the requirement.
   */
  @PUT
  @Path("merchants/{merchantId}")
  public Response require(@PathParam("merchantId") String merchantId, String body) {
    if (merchantId.length() > 40 || merchants.find(merchantId).isEmpty()) {
      throw ApiProblem.notFound("Merchant " + merchantId);
    }
    JsonInput in = JsonInput.parse(body);
    in.rejectUnknown(Set.of("required"));
    var required = in.bool("required");
    if (required.isEmpty()) {
      in.reject("required", "is required (true or false)");
    }
    in.check();
    twoFactors.require(merchantId, required.get());
    return Response.ok(
            Json.createObjectBuilder()
                .add("merchant_id", merchantId)
                .add("required", required.get())
                .build()
                .toString())
        .build();
  }
}
