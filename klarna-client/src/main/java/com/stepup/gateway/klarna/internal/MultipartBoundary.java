package com.stepup.gateway.klarna.internal;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Names the boundary of a {@link MultipartBody} in the request's Content-Type: the REST client
 * sends {@code multipart/form-data} as declared, without one.
 */
class MultipartBoundary implements ClientRequestFilter {

  @Override
  public void filter(ClientRequestContext request) {
    MediaType type = request.getMediaType();
    if (type != null
        && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
        && request.getEntity() instanceof byte[] body) {
      String boundary = MultipartBody.boundaryOf(body);
      if (boundary != null) {
        request.setEntity(
            body,
            request.getEntityAnnotations(),
            new MediaType("multipart", "form-data", Map.of("boundary", boundary)));
      }
    }
  }
}
