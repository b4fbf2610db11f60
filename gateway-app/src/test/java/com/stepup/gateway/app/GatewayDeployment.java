package com.stepup.gateway.app;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR, as built by this module, deployed at the root context as in production. */
final class GatewayDeployment {

  static final String ADMIN_USER = "admin";
  static final String ADMIN_PASSWORD = "it-admin-password";

  private GatewayDeployment() {}

  static WebArchive war() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File("target/gateway.war"))
        .as(WebArchive.class);
  }
}
