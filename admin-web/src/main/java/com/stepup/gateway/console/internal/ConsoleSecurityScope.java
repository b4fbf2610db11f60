package com.stepup.gateway.console.internal;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Jakarta Security for the console and the admin API alone. Jakarta Security installs its one
 * mechanism ({@link ConsoleAuthentication}) for the whole web module, so the container would run
 * it, through Soteria's JASPIC bridge (a CDI look-up and a message context per call), for every
 * partner API call and every Klarna webhook, only to be told "nothing to do" (ADR 0037). At
 * start-up, once Soteria has registered its provider, this wraps it: a request that no security
 * constraint covers, on the partner API ({@code /api/*} but not the admin API) or the webhooks
 * ({@code /webhooks/*}), gets what the mechanism's {@code doNothing()} would give it (an
 * unauthenticated caller) without the mechanism; every other request goes to the mechanism as
 * before. Partner calls authenticate by API key in the API's own filter, and Klarna's by signature,
 * never by the container.
 */
@WebListener
public class ConsoleSecurityScope implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(ConsoleSecurityScope.class.getName());

  /** The JASPIC layer of servlet containers (Jakarta Authentication's Servlet profile). */
  static final String LAYER = "HttpServlet";

  /** Set by the container to "true" when a security constraint covers the request. */
  static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    // the application context id as Jakarta Authentication's Servlet profile names it
    String appContext = context.getVirtualServerName() + " " + context.getContextPath();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    AuthConfigProvider mechanism = factory.getConfigProvider(LAYER, appContext, null);
    if (mechanism == null) {
      LOG.warning("No Jakarta Security provider registered for '" + appContext + "': not scoped");
      return;
    }
    factory.registerConfigProvider(
        new Scoped(mechanism),
        LAYER,
        appContext,
        "The console's mechanism, passed over by the partner API and the webhooks");
    LOG.info("Jakarta Security scoped to the console and the admin API");
  }

  /**
   * Whether a request passes without the mechanism: no constraint covers it, and it is a partner
   * API call or a webhook. The path is the servlet path and path info, decoded and normalized as
   * the container matched its constraints.
   */
  static boolean passes(MessageInfo message) {
    Map<?, ?> properties = message.getMap();
    if (properties != null && "true".equals(properties.get(MANDATORY))) {
      return false;
    }
    if (!(message.getRequestMessage() instanceof HttpServletRequest request)) {
      return false;
    }
    String info = request.getPathInfo();
    String path = info == null ? request.getServletPath() : request.getServletPath() + info;
    return path.startsWith("/webhooks/")
        || (path.startsWith("/api/") && !ConsoleAuthentication.adminApi(path));
  }

  /** What {@code HttpMessageContext.doNothing()} tells the container: no caller. */
  static AuthStatus nobody(Subject client, CallbackHandler handler) throws AuthException {
    try {
      handler.handle(new Callback[] {new CallerPrincipalCallback(client, (String) null)});
    } catch (IOException | UnsupportedCallbackException e) {
      throw (AuthException) new AuthException("No caller not accepted").initCause(e);
    }
    return AuthStatus.SUCCESS;
  }

  /** The mechanism's provider, its server configurations scoped. */
  record Scoped(AuthConfigProvider mechanism) implements AuthConfigProvider {
    @Override
    public ClientAuthConfig getClientAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return mechanism.getClientAuthConfig(layer, appContext, handler);
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return new ScopedConfig(mechanism.getServerAuthConfig(layer, appContext, handler), handler);
    }

    @Override
    public void refresh() {
      mechanism.refresh();
    }
  }

  /** A server configuration whose contexts ask the mechanism's only for what does not pass. */
  record ScopedConfig(ServerAuthConfig mechanism, CallbackHandler handler)
      implements ServerAuthConfig {
    @Override
    public ServerAuthContext getAuthContext(
        String authContextId,
        Subject serviceSubject,
        @SuppressWarnings("rawtypes") Map properties) {
      return new ScopedContext(this, authContextId, serviceSubject, properties);
    }

    @Override
    public String getMessageLayer() {
      return mechanism.getMessageLayer();
    }

    @Override
    public String getAppContext() {
      return mechanism.getAppContext();
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
      return mechanism.getAuthContextID(messageInfo);
    }

    @Override
    public void refresh() {
      mechanism.refresh();
    }

    @Override
    public boolean isProtected() {
      return mechanism.isProtected();
    }
  }

  /**
   * One request's authentication context: the mechanism's, made only when the request does not pass
   * (what passes costs no look-up at all).
   */
  static final class ScopedContext implements ServerAuthContext {
    private final ScopedConfig config;
    private final String authContextId;
    private final Subject serviceSubject;
    private final Map<String, Object> properties;
    private ServerAuthContext mechanism;

    ScopedContext(
        ScopedConfig config,
        String authContextId,
        Subject serviceSubject,
        Map<String, Object> properties) {
      this.config = config;
      this.authContextId = authContextId;
      this.serviceSubject = serviceSubject;
      this.properties = properties;
    }

    private ServerAuthContext mechanism() throws AuthException {
      if (mechanism == null) {
        mechanism = config.mechanism().getAuthContext(authContextId, serviceSubject, properties);
      }
      return mechanism;
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service)
        throws AuthException {
      if (passes(message)) {
        return nobody(client, config.handler());
      }
      return mechanism().validateRequest(message, client, service);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
      if (passes(message)) {
        return AuthStatus.SEND_SUCCESS;
      }
      return mechanism().secureResponse(message, service);
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
      if (passes(message)) {
        // what the mechanism's default cleanSubject does
        if (subject != null) {
          subject.getPrincipals().clear();
        }
        return;
      }
      mechanism().cleanSubject(message, subject);
    }
  }
}
