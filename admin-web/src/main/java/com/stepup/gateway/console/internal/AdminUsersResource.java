package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.JsonInput;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * Console users for platform admins and scripts ({@code /api/v1/admin/*}, HTTP Basic, platform
 * admin only): a merchant admin belongs to one merchant; support users may be limited to one.
 */
@Path("api/v1/admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminUsersResource {

  @Inject ConsoleUsers users;

  @POST
  public Response create(String body) {
    JsonInput in = JsonInput.parse(body);
    String username = in.requiredText("username", LoginForm.MAX_USERNAME);
    String password = in.requiredText("password", LoginForm.MAX_PASSWORD);
    String roleName = in.requiredText("role", 32);
    String merchantId = in.text("merchant_id", 40).orElse(null);
    ConsoleRole role =
        Arrays.stream(ConsoleRole.values())
            .filter(r -> r.name().equals(roleName))
            .findFirst()
            .orElse(null);
    in.rejectAll(users.check(username, password, role, merchantId));
    in.check();
    users.add(username, password, role, merchantId);
    var json = Json.createObjectBuilder().add("username", username).add("role", role.name());
    if (merchantId != null) {
      json.add("merchant_id", merchantId);
    }
    return Response.status(201).entity(json.build().toString()).build();
  }
}
