package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.junit.jupiter.api.Test;

class ConsoleSecurityScopeTest {

  /** What reached the mechanism, and what the container was told. */
  private final List<String> mechanism = new ArrayList<>();

  private final List<Callback> told = new ArrayList<>();

  private final CallbackHandler handler = callbacks -> told.addAll(List.of(callbacks));

  @Test
  void partnerCallsAndWebhooksPassWithoutTheMechanismAndWithoutACaller() throws Exception {
    for (String path :
        List.of(
            "/api/v1/payments",
            "/api/v1/payments/pay_1/captures",
            "/api/v1/reconciliation/items",
            "/webhooks/klarna")) {
      mechanism.clear();
      told.clear();
      Subject client = new Subject();
      ServerAuthContext context = scoped();
      MessageInfo message = message(path, null, false);
      assertThat(context.validateRequest(message, client, null))
          .as(path)
          .isEqualTo(AuthStatus.SUCCESS);
      assertThat(context.secureResponse(message, null)).isEqualTo(AuthStatus.SEND_SUCCESS);
      assertThat(mechanism).as(path + ": the mechanism is not even made").isEmpty();
      assertThat(told)
          .as("the container hears what doNothing() tells it: no caller")
          .singleElement()
          .isInstanceOfSatisfying(
              CallerPrincipalCallback.class,
              c -> {
                assertThat(c.getName()).isNull();
                assertThat(c.getPrincipal()).isNull();
                assertThat(c.getSubject()).isSameAs(client);
              });
    }
  }

  @Test
  void theConsoleTheAdminApiAndWhatAConstraintCoversGoToTheMechanism() throws Exception {
    record Case(String servletPath, String pathInfo, boolean mandatory) {}
    for (Case c :
        List.of(
            new Case("/console", null, true),
            new Case("/login", null, false),
            new Case("/static/app.css", null, false),
            new Case("/api/v1/admin/merchants", null, true),
            // the admin API unprotected for a method still takes its credentials in the mechanism
            new Case("/api/v1/admin/two-factor", null, false),
            new Case("/api/v1/reconciliation/items/rec_1/resolve", null, false),
            new Case("/api", "/v1/admin/merchants", false),
            // whatever a constraint covers, whatever its path
            new Case("/api/v1/payments", null, true),
            new Case("/webhooks/klarna", null, true),
            new Case("/apiv1/payments", null, false),
            new Case("/metrics", null, false))) {
      mechanism.clear();
      told.clear();
      ServerAuthContext context = scoped();
      MessageInfo message = message(c.servletPath(), c.pathInfo(), c.mandatory());
      assertThat(context.validateRequest(message, new Subject(), null))
          .as(c.toString())
          .isEqualTo(AuthStatus.SEND_CONTINUE);
      assertThat(mechanism).as(c.toString()).containsExactly("made", "validate");
      assertThat(told).isEmpty();
    }
  }

  @Test
  void cleaningAPassedSubjectEmptiesItAsTheMechanismWould() throws Exception {
    Subject subject = new Subject();
    subject.getPrincipals().add((Principal) () -> "someone");
    scoped().cleanSubject(message("/api/v1/payments", null, false), subject);
    assertThat(subject.getPrincipals()).isEmpty();
    assertThat(mechanism).isEmpty();
    scoped().cleanSubject(message("/console", null, true), new Subject());
    assertThat(mechanism).containsExactly("made", "clean");
  }

  @Test
  void theProviderHandsTheContainersHandlerToTheMechanismAndKeepsIt() throws Exception {
    List<CallbackHandler> given = new ArrayList<>();
    var provider = new ConsoleSecurityScope.Scoped(provider(given));
    ServerAuthConfig config = provider.getServerAuthConfig("HttpServlet", "server /", handler);
    assertThat(given).containsExactly(handler);
    assertThat(config.getAppContext()).isEqualTo("server /");
    assertThat(config.getMessageLayer()).isEqualTo("HttpServlet");
  }

  private ServerAuthContext scoped() throws Exception {
    return new ConsoleSecurityScope.Scoped(provider(new ArrayList<>()))
        .getServerAuthConfig("HttpServlet", "server /", handler)
        .getAuthContext("id", null, Map.of());
  }

  /** Soteria's provider as the scope sees it: a context that records what it is asked. */
  private AuthConfigProvider provider(List<CallbackHandler> given) {
    ServerAuthContext context =
        new ServerAuthContext() {
          @Override
          public AuthStatus validateRequest(MessageInfo m, Subject client, Subject service) {
            mechanism.add("validate");
            return AuthStatus.SEND_CONTINUE;
          }

          @Override
          public AuthStatus secureResponse(MessageInfo m, Subject service) {
            mechanism.add("secure");
            return AuthStatus.SEND_SUCCESS;
          }

          @Override
          public void cleanSubject(MessageInfo m, Subject subject) {
            mechanism.add("clean");
          }
        };
    return new AuthConfigProvider() {
      @Override
      public ClientAuthConfig getClientAuthConfig(String l, String a, CallbackHandler h) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerAuthConfig getServerAuthConfig(String l, String a, CallbackHandler h) {
        given.add(h);
        return new ServerAuthConfig() {
          @Override
          public ServerAuthContext getAuthContext(String id, Subject s, Map p) {
            mechanism.add("made");
            return context;
          }

          @Override
          public String getMessageLayer() {
            return l;
          }

          @Override
          public String getAppContext() {
            return a;
          }

          @Override
          public String getAuthContextID(MessageInfo m) {
            return "id";
          }

          @Override
          public void refresh() {}

          @Override
          public boolean isProtected() {
            return false;
          }
        };
      }

      @Override
      public void refresh() {}
    };
  }

  /** A request as the container hands it over: its servlet path, path info and policy. */
  private static MessageInfo message(String servletPath, String pathInfo, boolean mandatory) {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getServletPath" -> servletPath;
                      case "getPathInfo" -> pathInfo;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    Map<Object, Object> map = new HashMap<>();
    if (mandatory) {
      map.put(ConsoleSecurityScope.MANDATORY, "true");
    }
    return new MessageInfo() {
      @Override
      public Object getRequestMessage() {
        return request;
      }

      @Override
      public Object getResponseMessage() {
        return (HttpServletResponse) null;
      }

      @Override
      public void setRequestMessage(Object request) {}

      @Override
      public void setResponseMessage(Object response) {}

      @Override
      public Map getMap() {
        return map;
      }
    };
  }
}
