package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The console in a real headless Chromium against the real WAR. */
@ExtendWith(ArquillianExtension.class)
class ConsoleUiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  static WebDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browsers.headlessChromium();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  private LoginPage openLogin() {
    browser.get(base.toString().replaceAll("/$", "") + "/console");
    return new LoginPage(browser);
  }

  @Test
  void anAdminLogsInSeesTheDashboardAndLogsOut() {
    DashboardPage dashboard =
        openLogin()
            .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
            .expectDashboard();
    assertThat(dashboard.currentUser()).isEqualTo(GatewayDeployment.ADMIN_USER);
    assertThat(dashboard.currentRole()).isEqualTo("Platform admin");
    assertThat(dashboard.welcome()).contains("Welcome, admin");

    LoginPage login = dashboard.logOut();
    assertThat(login.info()).contains("logged out");
    browser.get(base.toString().replaceAll("/$", "") + "/console");
    assertThat(browser.getCurrentUrl()).as("the session is gone").endsWith("/login");
  }

  @Test
  void aWrongPasswordIsRefusedWithAMessage() {
    LoginPage login = openLogin().logIn(GatewayDeployment.ADMIN_USER, "not-the-password");
    assertThat(login.error()).isEqualTo("The username or password is not correct.");
    assertThat(login.username()).as("the username is kept").isEqualTo("admin");
  }

  @Test
  void badInputGetsAClearMessageAndNoStackTrace() {
    assertThat(openLogin().logIn("", "").error()).isEqualTo("Enter your username and password.");

    LoginPage longInput = openLogin();
    longInput.forceValue("username", "u".repeat(5000));
    longInput.logIn(null, "x");
    assertThat(longInput.error()).isEqualTo("That username or password is too long.");

    LoginPage script = openLogin().logIn("<script>document.title='owned'</script>", "x");
    assertThat(script.error()).isEqualTo("The username or password is not correct.");
    assertThat(browser.getTitle()).isEqualTo("Log in");
    assertThat(browser.getPageSource()).doesNotContain("<script>document.title");
    assertThat(browser.getPageSource()).doesNotContain("Exception");
  }

  /** The login page, located by the ids the template gives it. */
  static final class LoginPage {
    private final WebDriver browser;

    LoginPage(WebDriver browser) {
      this.browser = browser;
      assertThat(browser.findElement(By.id("login-form")).isDisplayed()).isTrue();
    }

    LoginPage logIn(String username, String password) {
      if (username != null) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
      }
      browser.findElement(By.id("password")).sendKeys(password);
      browser.findElement(By.id("login-submit")).click();
      return this;
    }

    /** Sets a field past its maxlength, as a hand-made request could. */
    void forceValue(String id, String value) {
      ((org.openqa.selenium.JavascriptExecutor) browser)
          .executeScript(
              "const f = document.getElementById(arguments[0]); f.removeAttribute('maxlength');"
                  + " f.value = arguments[1];",
              id,
              value);
    }

    DashboardPage expectDashboard() {
      return new DashboardPage(browser);
    }

    String error() {
      return browser.findElement(By.cssSelector("[data-testid=login-error]")).getText();
    }

    String info() {
      return browser.findElement(By.cssSelector("[data-testid=login-info]")).getText();
    }

    String username() {
      return browser.findElement(By.id("username")).getAttribute("value");
    }
  }

  /** The dashboard, located by data-testid. */
  static final class DashboardPage {
    private final WebDriver browser;

    DashboardPage(WebDriver browser) {
      this.browser = browser;
      assertThat(browser.findElement(By.cssSelector("[data-testid=dashboard]")).isDisplayed())
          .isTrue();
    }

    String currentUser() {
      return browser.findElement(By.cssSelector("[data-testid=current-user]")).getText();
    }

    String currentRole() {
      return browser.findElement(By.cssSelector("[data-testid=current-role]")).getText();
    }

    String welcome() {
      return browser.findElement(By.cssSelector("[data-testid=welcome]")).getText();
    }

    LoginPage logOut() {
      browser.findElement(By.id("logout")).click();
      return new LoginPage(browser);
    }
  }
}
