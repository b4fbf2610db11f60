package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The console's login and logout, and the site root. */
@Controller
@RequestScoped
@Path("")
public class LoginController {

  @Inject Models models;

  @Inject SecurityContext securityContext;

  /** The site root leads to the console (and from there to the login when needed). */
  @GET
  public Response root() {
    return Response.seeOther(URI.create("console")).build();
  }

  @GET
  @Path("login")
  public Response form(
      @QueryParam("logout") String loggedOut, @QueryParam("suspended") String suspended) {
    if (loggedOut != null) {
      models.put("info", "login.loggedOut");
    }
    if (suspended != null) {
      models.put("error", "login.error.suspended");
    }
    return Response.ok("login.html").build();
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response login(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("challenge") String challenge,
      @FormParam("challenge_answer") String challengeAnswer,
      @Context HttpServletRequest request,
      @Context HttpServletResponse response) {
    var problem = LoginForm.check(username, password);
    if (problem.isPresent()) {
      return again(Response.Status.BAD_REQUEST, username, problem.get());
    }
    if (challenge != null && challengeAnswer != null) {
      request.setAttribute(ConsoleAuthentication.CHALLENGE_TOKEN, challenge);
      request.setAttribute(ConsoleAuthentication.CHALLENGE_ANSWER, challengeAnswer.strip());
    }
    AuthenticationStatus status =
        securityContext.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username.strip(), password))
                .newAuthentication(true));
    if (status != AuthenticationStatus.SUCCESS) {
      if (request.getAttribute(ConsoleAuthentication.SECOND_FACTOR) instanceof String next) {
        // the password was right; the second factor (or its enrolment) comes before anything else
        request.changeSessionId();
        return Response.seeOther(URI.create("login/" + next)).build();
      }
      if (request.getAttribute(ConsoleAuthentication.CHALLENGE) instanceof String puzzle) {
        // past the delays: the page's script solves the puzzle while the password is typed again
        models.put("challenge", puzzle);
        models.put("challengeBits", LoginChallenge.BITS);
        return again(Response.Status.UNAUTHORIZED, username, "login.error.challenge");
      }
      if (request.getAttribute(ConsoleAuthentication.SUSPENDED) != null) {
        return again(Response.Status.FORBIDDEN, username, "login.error.suspended");
      }
      return request.getAttribute(ConsoleAuthentication.LOCKED) != null
          ? again(Response.Status.TOO_MANY_REQUESTS, username, "login.error.locked")
          : again(Response.Status.UNAUTHORIZED, username, "login.error.invalid");
    }
    request.changeSessionId();
    return Response.seeOther(URI.create("console")).build();
  }

  @POST
  @Path("logout")
  public Response logout(@Context HttpServletRequest request) throws Exception {
    request.logout();
    var session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return Response.seeOther(URI.create("login?logout")).build();
  }

  private Response again(Response.Status status, String username, String messageKey) {
    models.put("error", messageKey);
    if (username != null && username.length() <= LoginForm.MAX_USERNAME) {
      models.put("username", username);
    }
    return Response.status(status).entity("login.html").build();
  }
}
