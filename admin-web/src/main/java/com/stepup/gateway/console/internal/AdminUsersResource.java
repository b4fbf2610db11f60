package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Console users for platform admins and scripts ({@code /api/v1/admin/*}, HTTP Basic, platform
 * admin only): a merchant admin belongs to one merchant; support users may be limited to one.
 */
@Path("api/v1/admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminUsersResource {

  static final int MIN_PASSWORD = 12;

  @Inject ConsoleUsers users;
  @Inject Merchants merchants;

  @POST
  public Response create(String body) {
    JsonInput in = JsonInput.parse(body);
    String username = in.requiredText("username", LoginForm.MAX_USERNAME);
    String password = in.requiredText("password", LoginForm.MAX_PASSWORD);
    String roleName = in.requiredText("role", 32);
    String merchantId = in.text("merchant_id", 40).orElse(null);
    ConsoleRole role = null;
    if (roleName != null) {
      try {
        role = ConsoleRole.valueOf(roleName);
      } catch (IllegalArgumentException e) {
        in.reject("role", "must be PLATFORM_ADMIN, MERCHANT_ADMIN or SUPPORT");
      }
    }
    if (username != null && !username.matches("[A-Za-z0-9._@-]+")) {
      in.reject("username", "use letters, digits and . _ @ -");
    }
    if (password != null && password.length() < MIN_PASSWORD) {
      in.reject("password", "must be at least " + MIN_PASSWORD + " characters");
    }
    if (role == ConsoleRole.MERCHANT_ADMIN && merchantId == null) {
      in.reject("merchant_id", "is required for a MERCHANT_ADMIN");
    }
    if (role == ConsoleRole.PLATFORM_ADMIN && merchantId != null) {
      in.reject("merchant_id", "a PLATFORM_ADMIN is not limited to a merchant");
    }
    if (merchantId != null && merchants.find(merchantId).isEmpty()) {
      in.reject("merchant_id", "no such merchant");
    }
    in.check();
    if (users.exists(username)) {
      throw ApiProblem.conflict("username", "A console user with this username exists.");
    }
    users.create(username, password.toCharArray(), role, merchantId);
    var json = Json.createObjectBuilder().add("username", username).add("role", role.name());
    if (merchantId != null) {
      json.add("merchant_id", merchantId);
    }
    return Response.status(201).entity(json.build().toString()).build();
  }
}
