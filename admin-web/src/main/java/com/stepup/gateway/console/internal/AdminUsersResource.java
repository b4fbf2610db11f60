package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Console users for platform admins and scripts ({@code /api/v1/admin/*}, HTTP Basic, platform
 * admin only): a merchant admin belongs to one merchant; support users may be limited to one; a
 * store manager belongs to one merchant and is limited to some of its stores ({@code store_ids}).
 */
@Path("api/v1/admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminUsersResource {

  @Inject ConsoleUsers users;
  @Inject ConsoleCaller caller;
  @Inject TwoFactors twoFactors;

  private void notYourself(String username) {
    if (username.equalsIgnoreCase(caller.username())) {
      throw ApiProblem.conflict(null, "You cannot disable, reset or delete your own user here.");
    }
  }

  @POST
  public Response create(String body) {
    JsonInput in = JsonInput.parse(body);
    String username = in.requiredText("username", LoginForm.MAX_USERNAME);
    String password = in.requiredText("password", LoginForm.MAX_PASSWORD);
    String roleName = in.requiredText("role", 32);
    String merchantId = in.text("merchant_id", 40).orElse(null);
    var storeIds = in.texts("store_ids", 100, 40).orElse(List.of());
    ConsoleRole role =
        Arrays.stream(ConsoleRole.values())
            .filter(r -> r.name().equals(roleName))
            .findFirst()
            .orElse(null);
    in.rejectAll(users.check(username, password, role, merchantId));
    in.rejectAll(users.checkStores(role, merchantId, storeIds));
    in.check();
    users.add(username, password, role, merchantId, storeIds);
    var json = Json.createObjectBuilder().add("username", username).add("role", role.name());
    if (merchantId != null) {
      json.add("merchant_id", merchantId);
    }
    if (!storeIds.isEmpty()) {
      var ids = Json.createArrayBuilder();
      new LinkedHashSet<>(storeIds).forEach(ids::add);
      json.add("store_ids", ids);
    }
    return Response.status(201).entity(json.build().toString()).build();
  }

  /**
   * {@code {"enabled": false}} disables a user (true enables again), {@code {"password": "..."}}
   * resets the password; either ends the user's console sessions at their next request.
   */
  @PATCH
  @Path("{username}")
  public Response change(@PathParam("username") String username, String body) {
    notYourself(username);
    JsonInput in = JsonInput.parse(body);
    var enabled = in.bool("enabled");
    var password = in.text("password", LoginForm.MAX_PASSWORD);
    if (enabled.isEmpty() && password.isEmpty()) {
      in.reject("body", "give enabled and/or password");
    }
    password.ifPresent(
        p ->
            users.check("placeholder-user", p, ConsoleRole.PLATFORM_ADMIN, null).stream()
                .filter(e -> e.field().equals("password"))
                .forEach(e -> in.reject("password", e.message())));
    in.check();
    boolean found = enabled.map(e -> users.enable(username, e)).orElse(true);
    found &= password.map(p -> users.resetPassword(username, p.toCharArray())).orElse(true);
    if (!found) {
      throw ApiProblem.notFound("User " + username);
    }
    return Response.ok(Json.createObjectBuilder().add("username", username).build().toString())
        .build();
  }

  @DELETE
  @Path("{username}")
  public Response delete(@PathParam("username") String username) {
    notYourself(username);
    if (!users.delete(username)) {
      throw ApiProblem.notFound("User " + username);
    }
    return Response.noContent().build();
  }

  /**
   * Removes a user's second factor (a lost phone and lost recovery codes): the user enrols again at
   * the next login when one is required. Not one's own.
   */
  @DELETE
  @Path("{username}/two-factor")
  public Response removeTwoFactor(@PathParam("username") String username) {
    notYourself(username);
    if (!twoFactors.remove(username)) {
      throw ApiProblem.notFound("Second factor of " + username);
    }
    return Response.noContent().build();
  }
}
