package com.stepup.gateway.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The console's session cookie is {@code Secure} when the gateway is reached over TLS, as its
 * {@code gateway.public-base-url} says (TLS usually ends at a proxy in front, so the request itself
 * may look plain). {@code HttpOnly} and {@code SameSite=Lax} come from the deployment descriptors.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    String base =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.public-base-url", String.class)
            .orElse("");
    if (base.toLowerCase(Locale.ROOT).startsWith("https://")) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    } else {
      LOG.info("gateway.public-base-url is not https: the session cookie is not marked Secure");
    }
  }
}
