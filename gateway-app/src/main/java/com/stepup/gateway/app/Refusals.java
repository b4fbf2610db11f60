package com.stepup.gateway.app;

import com.stepup.gateway.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** How the servlet filters answer a request they refuse: problem+json to APIs, text elsewhere. */
final class Refusals {

  private Refusals() {}

  static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String type,
      String title,
      String detail)
      throws IOException {
    response.setStatus(status);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/") || path.startsWith("/webhooks/")) {
      response.setContentType(ApiProblem.MEDIA_TYPE);
      response
          .getWriter()
          .write(
              new ApiProblem(
                      status, "https://stepup.dev/problems/" + type, title, detail, List.of())
                  .with("request_id", String.valueOf(RequestIds.of(request)))
                  .toJson()
                  .toString());
    } else {
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(detail);
    }
  }
}
