package com.stepup.gateway.platform.internal;

import com.stepup.gateway.platform.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JSON APIs ({@code /api/...}) take JSON only: a POST, PUT or PATCH that sends a body of
 * another type, or says it is of another type, is {@code 415} before any resource reads it. This
 * also keeps a page on another site from posting a {@code text/plain} or form body that happens to
 * be JSON: a browser cannot send {@code application/json} across sites without asking first.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class JsonOnlyFilter implements ContainerRequestFilter {

  /** The one partner path that takes a file ({@code multipart/form-data}). */
  static final Pattern UPLOADS = Pattern.compile("/?api/v1/disputes/[^/]+/attachments");

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String method = request.getMethod();
    if (!(path.startsWith("api/") || path.startsWith("/api/"))
        || !(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      return;
    }
    String type = request.getHeaderString("Content-Type");
    if (method.equals("POST")
        && UPLOADS.matcher(path).matches()
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return; // a file upload; the partner API authenticates by bearer key, not by cookie
    }
    boolean body = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    if ((type != null && !isJson(type)) || (type == null && body)) {
      request.abortWith(
          ApiProblem.unsupportedMediaType(
                  "Send the body as Content-Type: application/json"
                      + (type == null ? "." : "; this request was " + type + "."))
              .toResponse());
    }
  }

  /** {@code application/json} or a {@code +json} type, with any parameters. */
  static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
