package com.stepup.gateway.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes an {@link ApiProblem} as problem+json. */
@Provider
public class ApiProblemMapper implements ExceptionMapper<ApiProblem> {

  @Override
  public Response toResponse(ApiProblem problem) {
    return problem.toResponse();
  }
}
