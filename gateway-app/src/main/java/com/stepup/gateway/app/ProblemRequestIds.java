package com.stepup.gateway.app;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names the {@link RequestIds request id} in every problem+json body the JAX-RS layer answers. */
@Provider
@Priority(10)
public class ProblemRequestIds implements ContainerResponseFilter {

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getMediaType() == null
        || !ApiProblem.MEDIA_TYPE.equals(
            response.getMediaType().getType() + "/" + response.getMediaType().getSubtype())) {
      return;
    }
    String id = RequestIds.of(servletRequest);
    if (id == null) {
      return;
    }
    Object entity = response.getEntity();
    if (entity instanceof String text) {
      String named = withRequestId(text, id);
      if (named != null) {
        response.setEntity(named, response.getEntityAnnotations(), response.getMediaType());
      }
    } else if (entity instanceof Map<?, ?> map && !map.containsKey("request_id")) {
      Map<Object, Object> named = new LinkedHashMap<>(map);
      named.put("request_id", id);
      response.setEntity(named, response.getEntityAnnotations(), response.getMediaType());
    }
  }

  /** The problem with {@code request_id} added; null when it is not a JSON object or has one. */
  static String withRequestId(String problem, String id) {
    try (var reader = Json.createReader(new StringReader(problem))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object) || object.containsKey("request_id")) {
        return null;
      }
      return Json.createObjectBuilder(object).add("request_id", id).build().toString();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
