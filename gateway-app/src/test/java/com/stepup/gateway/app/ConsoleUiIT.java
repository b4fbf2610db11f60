package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

  @Test
  void aMerchantAdminOnboardsAStoreAndATerminal() {
    String merchantId = merchantWithUsers("ma-" + UUID.randomUUID().toString().substring(0, 8));
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    browser.findElement(By.cssSelector("[data-testid=nav-stores]")).click();
    browser.findElement(By.cssSelector("[data-testid=new-store]")).click();

    StoreForm form = new StoreForm(browser);
    form.fill("store_reference", "main-st");
    form.fill("name", "Main St");
    form.fill("city", "Columbus");
    form.fill("country", "XX");
    form.submit();
    assertThat(form.errorFor("street_address")).isEqualTo("is required");
    assertThat(form.errorFor("country")).contains("ISO 3166-1");
    assertThat(browser.findElement(By.id("store_reference")).getAttribute("value"))
        .as("what was typed is kept")
        .isEqualTo("main-st");

    form.fill("street_address", "800 N. High St");
    form.fill("postal_code", "43215");
    form.fill("country", "US");
    form.submit();
    assertThat(browser.findElement(By.cssSelector("[data-testid=onboarding-status]")).getText())
        .isEqualTo("Onboarded");
    assertThat(browser.findElement(By.cssSelector("[data-testid=klarna-store-id]")).getText())
        .startsWith("krn:partner:global:account:store:");

    browser.findElement(By.id("terminal_reference")).sendKeys("till-1");
    browser.findElement(By.id("terminal_name")).sendKeys("Till 1");
    browser.findElement(By.id("has_display")).click();
    browser.findElement(By.cssSelector("[data-testid=add-terminal]")).click();
    awaitText("[data-testid=terminal-list] tr[data-reference=till-1]", "Till 1");
    assertThat(
            browser
                .findElement(
                    By.cssSelector("[data-testid=terminal-list] tr[data-reference=till-1]"))
                .getText())
        .contains("Yes");

    browser.findElement(By.id("terminal_reference")).sendKeys("till-1");
    browser.findElement(By.cssSelector("[data-testid=add-terminal]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=form-error]")).getText())
        .contains("till-1");
    assertThat(merchantId).startsWith("mer_");

    browser.get(browser.getCurrentUrl().replaceAll("/terminals$", ""));
    browser
        .findElement(By.cssSelector("[data-testid=terminal-list] tr[data-reference=till-1] button"))
        .click();
    // the row now offers "Activate": the page came back with the terminal inactive
    awaitText("[data-testid=terminal-list] tr[data-reference=till-1]", "Activate");

    browser.findElement(By.cssSelector("[data-testid=edit-store]")).click();
    StoreForm edit = new StoreForm(browser);
    assertThat(browser.findElement(By.id("store_reference")).getAttribute("readonly")).isNotNull();
    edit.fill("name", "High Street");
    edit.fill("country", "XX");
    edit.submit();
    assertThat(edit.errorFor("country")).contains("ISO 3166-1");
    edit.fill("country", "US");
    edit.submit();
    awaitText("h1", "High Street");
  }

  @Test
  void aSupportUserSeesStoresButCannotChangeThem() {
    merchantWithUsers("sup-" + UUID.randomUUID().toString().substring(0, 8));
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    assertThat(
            partner
                .post(
                    "/api/v1/stores",
                    "{\"type\":\"WEBSITE\",\"store_reference\":\"web-shop\","
                        + "\"url\":\"https://shop.example\"}")
                .status())
        .isEqualTo(201);

    String tag = lastSupport.substring(0, 12);
    for (int i = 0; i < 21; i++) {
      assertThat(
              partner
                  .post(
                      "/api/v1/stores",
                      "{\"type\":\"WEBSITE\",\"store_reference\":\""
                          + tag
                          + "-"
                          + i
                          + "\",\"url\":\"https://shop.example/"
                          + i
                          + "\"}")
                  .status())
          .isEqualTo(201);
    }
    openLogin().logIn(lastSupport, USER_PASSWORD).expectDashboard();
    browser.get(base.toString().replaceAll("/$", "") + "/console/stores?q=" + tag);
    assertThat(browser.findElements(By.cssSelector("[data-testid=store-list] tbody tr")))
        .hasSize(20);
    browser.findElement(By.linkText("Next")).click();
    awaitText("nav.pager span", "Page 2 of 2");
    assertThat(browser.findElements(By.cssSelector("[data-testid=store-list] tbody tr")))
        .as("the 21st on page 2")
        .hasSize(1);
    browser.get(base.toString().replaceAll("/$", "") + "/console/stores?q=web-shop");
    assertThat(browser.findElement(By.cssSelector("[data-testid=store-list]")).getText())
        .contains("web-shop");
    assertThat(browser.findElements(By.cssSelector("[data-testid=new-store]"))).isEmpty();
    browser.findElement(By.linkText("web-shop")).click();
    assertThat(browser.findElements(By.cssSelector("[data-testid=add-terminal-form]"))).isEmpty();
    browser.get(base.toString().replaceAll("/$", "") + "/console/stores/new");
    assertThat(browser.getPageSource()).contains("403").doesNotContain("Exception");
  }

  @Test
  void aPlatformAdminCreatesAMerchantWithKeysAndUsers() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    browser.findElement(By.cssSelector("[data-testid=nav-merchants]")).click();
    browser.findElement(By.id("m-name")).sendKeys("Console Shop " + tag);
    browser.findElement(By.id("m-url")).sendKeys("ftp://nope");
    browser.findElement(By.cssSelector("[data-testid=create-merchant]")).click();
    assertThat(
            browser.findElement(By.cssSelector("[data-field=klarna_partner_account_id]")).getText())
        .isEqualTo("is required");
    assertThat(browser.findElement(By.cssSelector("[data-field=notification_url]")).getText())
        .contains("http");
    assertThat(browser.findElement(By.id("m-name")).getAttribute("value"))
        .isEqualTo("Console Shop " + tag);

    browser.findElement(By.id("m-account")).sendKeys("krn:partner:global:account:test:" + tag);
    browser.findElement(By.id("m-url")).clear();
    browser.findElement(By.cssSelector("[data-testid=create-merchant]")).click();
    String key = browser.findElement(By.cssSelector("[data-testid=new-api-key]")).getText();
    assertThat(key).startsWith("sk_");
    assertThat(browser.findElement(By.cssSelector("[data-testid=webhook-secret]")).getText())
        .startsWith("whsec_");
    String merchantUrl =
        browser
            .findElement(By.cssSelector("form[action$='/status']"))
            .getAttribute("action")
            .replace("/status", "");
    browser.get(merchantUrl);
    assertThat(browser.findElements(By.cssSelector("[data-testid=new-api-key]")))
        .as("the key is shown once")
        .isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-testid=key-list]")).getText())
        .contains(key.substring(0, 11))
        .doesNotContain(key);

    JsonHttp partner = new JsonHttp(base, "Bearer " + key);
    assertThat(partner.get("/api/v1/stores").status()).isEqualTo(200);
    browser
        .findElement(By.cssSelector("tr[data-prefix='" + key.substring(0, 11) + "'] button"))
        .click();
    awaitText("tr[data-prefix='" + key.substring(0, 11) + "']", "Revoked");
    assertThat(partner.get("/api/v1/stores").status()).as("revoked in the console").isEqualTo(401);

    browser.findElement(By.id("u-name")).sendKeys(tag + "-owner");
    browser.findElement(By.id("u-password")).sendKeys("short");
    browser.findElement(By.cssSelector("[data-testid=add-user]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-field=password]")).getText())
        .contains("12");
    browser.findElement(By.id("u-password")).sendKeys(USER_PASSWORD);
    browser.findElement(By.cssSelector("[data-testid=add-user]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=user-list]")).getText())
        .contains(tag + "-owner");

    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(tag + "-owner", USER_PASSWORD).expectDashboard();
    assertThat(browser.findElements(By.cssSelector("[data-testid=nav-merchants]")))
        .as("a merchant admin does not manage merchants")
        .isEmpty();
    browser.get(merchantUrl);
    assertThat(browser.getPageSource()).contains("403");
  }

  /** Waits for the page a form POST leads to: the element's text once it shows {@code text}. */
  private void awaitText(String css, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private WebDriver browserOnDashboard() {
    browser.get(base.toString().replaceAll("/$", "") + "/console");
    return browser;
  }

  static final String USER_PASSWORD = "correct-horse-battery";
  String lastMerchantAdmin;
  String lastSupport;
  String lastApiKey;

  /** A merchant, its merchant admin and a support user, through the admin API. */
  private String merchantWithUsers(String tag) {
    JsonHttp admin =
        new JsonHttp(
            base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
    JsonHttp.Answer merchant =
        admin.post(
            "/api/v1/admin/merchants",
            "{\"name\":\"Shop "
                + tag
                + "\",\"klarna_partner_account_id\":\"krn:partner:global:account:test:"
                + tag
                + "\"}");
    assertThat(merchant.status()).as(merchant.toString()).isEqualTo(201);
    String merchantId = merchant.json().getString("id");
    lastApiKey = merchant.json().getString("api_key");
    lastMerchantAdmin = tag + "-admin";
    lastSupport = tag + "-support";
    JsonHttp.Answer user =
        admin.post(
            "/api/v1/admin/users",
            "{\"username\":\""
                + lastMerchantAdmin
                + "\",\"password\":\""
                + USER_PASSWORD
                + "\",\"role\":\"MERCHANT_ADMIN\",\"merchant_id\":\""
                + merchantId
                + "\"}");
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    JsonHttp.Answer support =
        admin.post(
            "/api/v1/admin/users",
            "{\"username\":\""
                + lastSupport
                + "\",\"password\":\""
                + USER_PASSWORD
                + "\",\"role\":\"SUPPORT\"}");
    assertThat(support.status()).as(support.toString()).isEqualTo(201);
    return merchantId;
  }

  /** The new-store form. */
  static final class StoreForm {
    private final WebDriver browser;

    StoreForm(WebDriver browser) {
      this.browser = browser;
      assertThat(browser.findElement(By.cssSelector("[data-testid=store-new]")).isDisplayed())
          .isTrue();
    }

    void fill(String id, String value) {
      var field = browser.findElement(By.id(id));
      field.clear();
      field.sendKeys(value);
    }

    void submit() {
      browser.findElement(By.cssSelector("[data-testid=create-store]")).click();
    }

    String errorFor(String field) {
      return browser.findElement(By.cssSelector("[data-field='" + field + "']")).getText();
    }
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
