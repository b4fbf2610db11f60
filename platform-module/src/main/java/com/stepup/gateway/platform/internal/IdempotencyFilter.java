package com.stepup.gateway.platform.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.CanonicalJson;
import com.stepup.gateway.platform.IdempotencyClaim.Answer;
import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.Ids;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link Idempotent} for JAX-RS: claims the key before the resource runs, and keeps the response
 * afterwards. Requests are compared as canonical JSON ({@link CanonicalJson}: keys reordered or
 * pretty-printed is the same request). A 500, a 503 or a 202 is not kept: the request has not
 * finished (or may not have), and the resource is built to resume it when the same key comes again,
 * binding the key to what it started so that nothing is started twice. A 4xx is not kept either:
 * nothing was done, so the corrected request may use the same key. A key whose first request is
 * still running is {@code 409 …/problems/idempotency-key-in-use} with {@code Retry-After}.
 *
 * <p>A method marked {@link Idempotent.ClaimedByResource} writes the claim and the answer itself
 * ({@link ResourceClaim}), inside its own transactions: the filter answers only what is stored
 * (422, replay, 409, or takes an abandoned claim over), and afterwards stores what the resource did
 * not, as above, and answers a claim the resource lost to a concurrent request from what that one
 * stored.
 */
@Provider
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";

  /** Scope, key and the request's hashes, for a resource that claims the key itself. */
  private static final String BY_RESOURCE = IdempotencyFilter.class.getName() + ".by-resource";

  private static final int MAX_KEY_LENGTH = 255;

  @Inject IdempotencyKeys keys;
  @Inject ResourceClaim claim;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String key = request.getHeaderString(Idempotent.HEADER);
    Object scope = request.getProperty(Idempotent.SCOPE);
    if (key == null || scope == null) {
      return;
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.matches("[\\x21-\\x7E]+")) {
      request.abortWith(
          ApiProblem.invalid(
                  Idempotent.HEADER, "must be 1 to 255 visible ASCII characters, such as a UUID")
              .toResponse());
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    String method = request.getMethod();
    String path = request.getUriInfo().getPath();
    String hash = requestHash(method, path, body);
    String s = scope.toString();
    if (claimedByResource()) {
      // the resource writes the claim with its own first write: only what is stored is answered
      keys.purgeHourly();
      request.setProperty(BY_RESOURCE, new String[] {s, key, hash, rawHash(method, path, body)});
      IdempotencyKeys.Entry entry = keys.find(s, key).orElse(null);
      if (entry == null) {
        claim.toClaim(s, key, hash);
      } else if (answerStored(request, entry, method, path, body)) {
        claim.held(s, key, hash);
      }
      return;
    }
    if (keys.claim(s, key, hash)) {
      request.setProperty(CLAIMED, new String[] {s, key});
      return;
    }
    IdempotencyKeys.Entry entry = keys.find(s, key).orElse(null);
    if (entry == null) { // released between our insert and our read: run as a first request
      if (keys.claim(s, key, hash)) {
        request.setProperty(CLAIMED, new String[] {s, key});
        return;
      }
      entry = keys.find(s, key).orElseThrow();
    }
    if (answerStored(request, entry, method, path, body)) {
      request.setProperty(CLAIMED, new String[] {s, key});
    }
  }

  /**
   * Answers a key that is stored: 422 for another request, the replay once done, 409 while it runs;
   * or takes over a claim whose server died, and says so (the request then runs).
   */
  private boolean answerStored(
      ContainerRequestContext request,
      IdempotencyKeys.Entry entry,
      String method,
      String path,
      byte[] body) {
    if (!sameRequest(entry.requestHash(), method, path, body)) {
      request.abortWith(differentRequest());
    } else if (entry.done()) {
      request.abortWith(replay(entry));
    } else if (keys.takeOverIfAbandoned(
        request.getProperty(Idempotent.SCOPE).toString(),
        request.getHeaderString(Idempotent.HEADER),
        entry)) {
      return true;
    } else {
      request.abortWith(inUse());
    }
    return false;
  }

  private boolean claimedByResource() {
    return resource != null
        && resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(Idempotent.ClaimedByResource.class);
  }

  static Response differentRequest() {
    return ApiProblem.unprocessable(
            "This Idempotency-Key was first used with a different request; use a new key"
                + " for a new request.")
        .toResponse();
  }

  static Response replay(IdempotencyKeys.Entry entry) {
    Response.ResponseBuilder replay =
        Response.status(entry.status())
            .entity(entry.body())
            .header(Idempotent.REPLAYED, "true")
            .header(HttpHeaders.CONTENT_TYPE, entry.type());
    if (entry.location() != null) {
      replay.header(HttpHeaders.LOCATION, entry.location());
    }
    return replay.build();
  }

  /** Seconds a caller is asked to wait before sending a key again whose first request runs. */
  static final int IN_USE_RETRY_AFTER_SECONDS = 1;

  static Response inUse() {
    return Response.fromResponse(
            new ApiProblem(
                    409,
                    "https://stepup.dev/problems/idempotency-key-in-use",
                    "Idempotency-Key in use",
                    "The first request with this Idempotency-Key is still running; send it again"
                        + " after Retry-After seconds to get its answer.",
                    List.of())
                .toResponse())
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(IN_USE_RETRY_AFTER_SECONDS))
        .build();
  }

  /** The request as a key remembers it: method, path and the body in canonical JSON. */
  static String requestHash(String method, String path, byte[] body) {
    return Ids.sha256(
        (method + " " + path + "\n").getBytes(StandardCharsets.UTF_8),
        CanonicalJson.of(new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
  }

  /** How keys stored before requests were compared as JSON remember theirs: the exact bytes. */
  static String rawHash(String method, String path, byte[] body) {
    return Ids.sha256((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body);
  }

  static boolean sameRequest(String stored, String method, String path, byte[] body) {
    return stored.equals(requestHash(method, path, body))
        || stored.equals(rawHash(method, path, body));
  }

  /**
   * Whether an answer is kept for the key: not a 4xx (nothing was done; the corrected request may
   * use the key), nor a 202, 500 or 503 (not finished, or may not have: the resource resumes it).
   */
  static boolean keeps(int status) {
    return !(status == 202 || status == 500 || status == 503 || (status >= 400 && status < 500));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(BY_RESOURCE) instanceof String[] byResource) {
      afterResource(byResource, response);
      return;
    }
    if (!(request.getProperty(CLAIMED) instanceof String[] claimed)) {
      return;
    }
    keep(claimed[0], claimed[1], response);
  }

  /** Keeps the answer for a claimed key, or forgets the claim when the answer is not kept. */
  private void keep(String scope, String key, ContainerResponseContext response) {
    if (!keptHere(response.getStatus())) {
      // not finished: a retry with the key runs again, and the resource, which binds the key to
      // what it started (a payment, a capture...), answers that as it stands now; or refused
      // (4xx): nothing was done, and the corrected request may come with the same key
      keys.release(scope, key);
      return;
    }
    Answer answer = answerOf(response);
    keys.complete(scope, key, answer.status(), answer.type(), answer.location(), answer.body());
  }

  /**
   * After a resource that claims the key itself: stores what it did not (a claim it did not write
   * and an answer kept: both at once), forgets its claim when the answer is not kept, and answers a
   * claim it lost to a concurrent request as the stored key says (its work rolled back).
   */
  private void afterResource(String[] byResource, ContainerResponseContext response) {
    switch (claim.state()) {
      case TO_CLAIM -> {
        if (keptHere(response.getStatus())) {
          keys.insert(byResource[0], byResource[1], byResource[2], answerOf(response));
        }
      }
      case HELD, CLAIMED -> keep(byResource[0], byResource[1], response);
      case LOST -> {
        IdempotencyKeys.Entry entry = keys.find(byResource[0], byResource[1]).orElse(null);
        Response answer;
        if (entry == null) {
          answer = inUse(); // the other request rolled back meanwhile: the next try runs
        } else if (!entry.requestHash().equals(byResource[2])
            && !entry.requestHash().equals(byResource[3])) {
          answer = differentRequest();
        } else {
          answer = entry.done() ? replay(entry) : inUse();
        }
        response.setStatus(answer.getStatus());
        response.getHeaders().remove(HttpHeaders.LOCATION);
        response.getHeaders().remove(HttpHeaders.RETRY_AFTER);
        response.getHeaders().remove(Idempotent.REPLAYED);
        answer.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        response.setEntity(
            answer.getEntity(), response.getEntityAnnotations(), answer.getMediaType());
      }
      case NONE, ANSWERED -> {}
    }
  }

  /** Whether this resource's answer is kept ({@link #keeps}, or its 202 if that is final). */
  private boolean keptHere(int status) {
    boolean acceptedIsFinal =
        status == 202
            && resource != null
            && resource.getResourceMethod() != null
            && resource.getResourceMethod().isAnnotationPresent(Idempotent.AcceptedIsFinal.class);
    return acceptedIsFinal || keeps(status);
  }

  private static Answer answerOf(ContainerResponseContext response) {
    Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    return new Answer(
        response.getStatus(),
        response.getMediaType() == null ? null : response.getMediaType().toString(),
        location == null ? null : location.toString(),
        response.getEntity() == null ? null : response.getEntity().toString());
  }
}
