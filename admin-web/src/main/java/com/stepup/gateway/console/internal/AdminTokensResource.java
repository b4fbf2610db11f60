package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A platform admin's own admin API tokens: {@code POST /api/v1/admin/tokens} (once with the
 * password) answers a token shown this once; scripts then send {@code Authorization: Bearer
 * adm_...}. {@code GET} lists them (prefix, created, last used, revoked), {@code DELETE} revokes.
 */
@Path("api/v1/admin/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminTokensResource {

  @Inject AdminTokens tokens;
  @Inject ConsoleCaller caller;

  @POST
  public Response issue(String body) {
    String label = null;
    if (body != null && !body.isBlank()) {
      JsonInput in = JsonInput.parse(body);
      label = in.text("label", 100).orElse(null);
      in.check();
    }
    AdminTokens.Issued t = tokens.issue(caller.username(), label);
    return Response.status(201)
        .entity(
            Json.createObjectBuilder()
                .add("id", t.id())
                .add("token", t.token())
                .add("prefix", t.prefix())
                .add("created_at", t.createdAt().toInstant().toString())
                .build()
                .toString())
        .build();
  }

  @GET
  public String list() {
    var items = Json.createArrayBuilder();
    for (AdminTokens.Row r : tokens.of(caller.username())) {
      var item =
          Json.createObjectBuilder()
              .add("id", r.id())
              .add("prefix", r.prefix())
              .add("created_at", r.createdAt().toInstant().toString());
      if (r.label() != null) {
        item.add("label", r.label());
      }
      if (r.lastUsedAt() != null) {
        item.add("last_used_at", r.lastUsedAt().toInstant().toString());
      }
      if (r.revokedAt() != null) {
        item.add("revoked_at", r.revokedAt().toInstant().toString());
      }
      items.add(item);
    }
    return Json.createObjectBuilder().add("items", items).build().toString();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    if (!tokens.revoke(caller.username(), id)) {
      throw ApiProblem.notFound("Token " + id);
    }
    return Response.noContent().build();
  }
}
