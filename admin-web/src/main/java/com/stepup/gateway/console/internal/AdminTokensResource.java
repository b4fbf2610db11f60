package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Admin API tokens: {@code POST /api/v1/admin/tokens} (with the password, never with a token)
 * answers a token shown this once; scripts then send {@code Authorization: Bearer adm_...}. {@code
 * GET} lists the caller's (prefix, created, last used, expires, revoked), {@code GET ?all=true}
 * every platform admin's, and {@code DELETE} revokes any of them.
 */
@Path("api/v1/admin/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminTokensResource {

  @Inject AdminTokens tokens;
  @Inject ConsoleCaller caller;
  @Context HttpServletRequest request;

  @POST
  public Response issue(String body) {
    if (request.getAttribute(ConsoleAuthentication.TOKEN) != null) {
      throw ApiProblem.forbidden(
          "A token is issued only against the password (HTTP Basic), never against another"
              + " token.");
    }
    String label = null;
    if (body != null && !body.isBlank()) {
      JsonInput in = JsonInput.parse(body);
      label = in.text("label", 100).orElse(null);
      in.check();
    }
    AdminTokens.Issued t =
        tokens
            .issue(caller.username(), label)
            .orElseThrow(() -> ApiProblem.forbidden("Tokens are for active platform admins."));
    return Response.status(201)
        .entity(
            Json.createObjectBuilder()
                .add("id", t.id())
                .add("token", t.token())
                .add("prefix", t.prefix())
                .add("created_at", t.createdAt().toInstant().toString())
                .add("expires_at", t.expiresAt().toInstant().toString())
                .build()
                .toString())
        .build();
  }

  @GET
  public String list(@QueryParam("all") String all) {
    if (all != null && !all.equals("true") && !all.equals("false")) {
      throw ApiProblem.invalid("all", "must be true or false");
    }
    var items = Json.createArrayBuilder();
    for (AdminTokens.Row r : tokens.of("true".equals(all) ? null : caller.username())) {
      var item =
          Json.createObjectBuilder()
              .add("id", r.id())
              .add("username", r.username())
              .add("prefix", r.prefix())
              .add("created_at", r.createdAt().toInstant().toString());
      if (r.expiresAt() != null) {
        item.add("expires_at", r.expiresAt().toInstant().toString());
      }
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
    if (!tokens.revoke(id)) {
      throw ApiProblem.notFound("Token " + id);
    }
    return Response.noContent().build();
  }
}
