package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.bench.PaymentBodies;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
  void anAdminLogsInSeesTheDashboardAndLogsOut() throws Exception {
    DashboardPage dashboard =
        openLogin()
            .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
            .expectDashboard();
    assertThat(dashboard.currentUser()).isEqualTo(GatewayDeployment.ADMIN_USER);
    assertThat(dashboard.currentRole()).isEqualTo("Platform admin");
    assertThat(dashboard.welcome()).contains("Welcome, admin");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=nav-dashboard]"))
                .getAttribute("aria-current"))
        .as("the current page is marked in the nav")
        .isEqualTo("page");

    // on a phone every part of the navigation can be reached
    var desktop = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      for (String item : List.of("nav-payments", "nav-deliveries", "nav-audit", "logout")) {
        var el = browser.findElement(By.cssSelector("[data-testid=" + item + "]"));
        assertThat(el.isDisplayed()).as(item).isTrue();
        var r = el.getRect();
        assertThat(r.getX() + r.getWidth()).as(item + " within 390 px").isLessThanOrEqualTo(390);
      }
      Long scroll =
          (Long)
              ((JavascriptExecutor) browser)
                  .executeScript("return document.documentElement.scrollWidth");
      assertThat(scroll).as("nothing runs off the side").isLessThanOrEqualTo(390L);
      screenshot("phone-dashboard");
      browser.findElement(By.cssSelector("[data-testid=nav-deliveries]")).click();
      assertThat(
              browser
                  .findElement(By.cssSelector("[data-testid=nav-deliveries]"))
                  .getAttribute("aria-current"))
          .isEqualTo("page");
      browser.get(root() + "/console");
    } finally {
      browser.manage().window().setSize(desktop);
    }

    LoginPage login = dashboard.logOut();
    assertThat(login.info()).contains("logged out");
    browser.get(base.toString().replaceAll("/$", "") + "/console");
    assertThat(browser.getCurrentUrl()).as("the session is gone").endsWith("/login");
  }

  @Test
  void aPageOnAnotherSiteCannotActWithTheAdminsSession() throws Exception {
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    String gateway = base.toString().replaceAll("/$", "");
    String user = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
    // the classic: a text/plain form whose body happens to be JSON, sent with the admin's cookie
    String page =
        "<!DOCTYPE html><title>Win a prize</title>"
            + "<form id=api method=post enctype=text/plain action='"
            + gateway
            + "/api/v1/admin/users'><input name='{\"username\":\""
            + user
            + "\",\"password\":\"Csrf-password-123\",\"role\":\"PLATFORM_ADMIN\",\"pad\":\"'"
            + " value='\"}'></form>"
            + "<script>document.getElementById('api').submit()</script>";
    var site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext(
        "/",
        exchange -> {
          byte[] html = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, html.length);
          exchange.getResponseBody().write(html);
          exchange.close();
        });
    site.start();
    try {
      browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().startsWith(gateway));
      assertThat(browser.getPageSource()).doesNotContain("\"username\":\"" + user);
    } finally {
      site.stop(0);
    }
    JsonHttp asNewUser = new JsonHttp(base, JsonHttp.basic(user, "Csrf-password-123"));
    assertThat(asNewUser.get("/api/v1/admin/merchants").status())
        .as("no platform admin was made")
        .isEqualTo(401);
    browser.get(gateway + "/console");
    assertThat(browser.getCurrentUrl()).as("the admin is still logged in").endsWith("/console");
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
    assertThat(browser.findElement(By.cssSelector("[data-testid=form-error]")).getText())
        .as("the summary names each field as the form labels it")
        .contains("Street address: is required")
        .doesNotContain("street_address");
    assertThat(browser.findElement(By.id("url")).isDisplayed())
        .as("a physical store's form shows no website fields")
        .isFalse();
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
    submitWith("[data-testid=add-terminal]");
    awaitText("[data-testid=terminal-list] tr[data-reference=till-1]", "Till 1");
    assertThat(
            browser
                .findElement(
                    By.cssSelector("[data-testid=terminal-list] tr[data-reference=till-1]"))
                .getText())
        .contains("Yes");

    browser.findElement(By.id("terminal_reference")).sendKeys("till-1");
    browser.findElement(By.id("has_display")).click();
    submitWith("[data-testid=add-terminal]");
    String terminalForm =
        browser.findElement(By.cssSelector("[data-testid=add-terminal-form]")).getText();
    assertThat(terminalForm).contains("till-1", "is taken", "main-st");
    assertThat(terminalForm.split("is taken", -1)).as("the error is said once").hasSize(2);
    assertThat(browser.findElement(By.id("has_display")).isSelected())
        .as("the box ticked comes back ticked")
        .isTrue();
    assertThat(merchantId).startsWith("mer_");

    browser.get(browser.getCurrentUrl().replaceAll("/terminals$", ""));
    browser
        .findElement(
            By.cssSelector(
                "[data-testid=terminal-list] tr[data-reference=till-1] form[action$='/active'] button"))
        .click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-question]")).getText())
        .contains("Deactivate terminal till-1");
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    // the row now offers "Activate": the page came back with the terminal inactive
    awaitText("[data-testid=terminal-list] tr[data-reference=till-1]", "Activate");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("Terminal deactivated");

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
    submitWith("[data-testid=create-merchant]");
    assertThat(
            browser.findElement(By.cssSelector("[data-field=klarna_partner_account_id]")).getText())
        .isEqualTo("is required");
    assertThat(browser.findElement(By.cssSelector("[data-field=notification_url]")).getText())
        .contains("http");
    assertThat(browser.findElement(By.id("m-name")).getAttribute("value"))
        .isEqualTo("Console Shop " + tag);

    browser.findElement(By.id("m-account")).sendKeys("krn:partner:global:account:test:" + tag);
    browser.findElement(By.id("m-url")).clear();
    submitWith("[data-testid=create-merchant]");
    String key = browser.findElement(By.cssSelector("[data-testid=new-api-key]")).getText();
    assertThat(key).startsWith("sk_");
    assertThat(browser.findElement(By.cssSelector("[data-testid=webhook-secret]")).getText())
        .startsWith("whsec_");
    String merchantUrl = browser.getCurrentUrl().replaceFirst("\\?.*$", "");
    assertThat(browser.getCurrentUrl()).as("POST, then redirect, then GET").contains("?done=");
    browser.navigate().refresh();
    assertThat(browser.findElements(By.cssSelector("[data-testid=new-api-key]")))
        .as("a refresh neither shows the key again nor issues another")
        .isEmpty();

    // what cannot be undone is confirmed first, then said to be done
    browser.findElement(By.cssSelector("[data-testid=rotate-secret]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-question]")).getText())
        .contains("Rotate the webhook secret of Console Shop " + tag);
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    awaitText("[data-testid=rotated-secret]", "whsec_");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("rotated");
    browser.get(merchantUrl);
    assertThat(browser.findElements(By.cssSelector("[data-testid=new-api-key]")))
        .as("the key is shown once")
        .isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-testid=key-list]")).getText())
        .contains(key.substring(0, 11))
        .doesNotContain(key);

    JsonHttp partner = new JsonHttp(base, "Bearer " + key);
    assertThat(partner.get("/api/v1/stores").status()).isEqualTo(200);
    String keyRow = "tr[data-prefix='" + key.substring(0, 11) + "']";
    browser.findElement(By.cssSelector(keyRow + " [data-testid=revoke-key]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-question]")).getText())
        .as("a revoke asks first, naming the key")
        .contains("Revoke API key " + key.substring(0, 11));
    browser.findElement(By.cssSelector("[data-testid=confirm-no]")).click();
    assertThat(partner.get("/api/v1/stores").status()).as("not revoked on No").isEqualTo(200);
    browser.findElement(By.cssSelector(keyRow + " [data-testid=revoke-key]")).click();
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    awaitText(keyRow, "Revoked");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("API key revoked");
    assertThat(partner.get("/api/v1/stores").status()).as("revoked in the console").isEqualTo(401);

    // a till's key: what it may do chosen by check box; then the merchant's rate limit
    for (String scope : List.of("captures", "refunds", "disputes", "stores", "webhooks")) {
      browser.findElement(By.cssSelector("[data-scope='" + scope + "']")).click();
    }
    browser.findElement(By.id("key-label")).sendKeys("Till");
    submitWith("[data-testid=issue-key]");
    String till = browser.findElement(By.cssSelector("[data-testid=new-api-key]")).getText();
    JsonHttp tillApi = new JsonHttp(base, "Bearer " + till);
    assertThat(tillApi.get("/api/v1/payments").status()).isEqualTo(200);
    assertThat(tillApi.get("/api/v1/stores").status()).as("no stores scope").isEqualTo(403);
    assertThat(
            browser
                .findElement(
                    By.cssSelector(
                        "tr[data-prefix='" + till.substring(0, 11) + "'] [data-testid=key-scopes]"))
                .getText())
        .isEqualTo("payments:write payments:read");
    browser.findElement(By.id("rate-limit")).sendKeys("2");
    browser.findElement(By.cssSelector("[data-testid=set-rate-limit]")).click();
    awaitText("[data-testid=done]", "Rate limit set");
    assertThat(tillApi.get("/api/v1/payments").header("RateLimit-Limit")).isEqualTo("2");

    // the add-user form keeps what was chosen after an error: a Support user stays Support
    browser.findElement(By.id("u-name")).sendKeys(tag + "-helper");
    browser.findElement(By.id("u-password")).sendKeys("short");
    new Select(browser.findElement(By.id("u-role"))).selectByValue("SUPPORT");
    submitWith("[data-testid=add-user]");
    assertThat(browser.findElement(By.cssSelector("[data-field=password]")).getText())
        .contains("12");
    assertThat(
            new Select(browser.findElement(By.id("u-role")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("SUPPORT");
    assertThat(browser.findElement(By.id("u-name")).getAttribute("value"))
        .isEqualTo(tag + "-helper");
    browser.findElement(By.id("u-name")).clear();
    browser.findElement(By.id("u-name")).sendKeys(tag + "-owner");
    new Select(browser.findElement(By.id("u-role"))).selectByValue("MERCHANT_ADMIN");
    browser.findElement(By.id("u-password")).sendKeys(USER_PASSWORD);
    submitWith("[data-testid=add-user]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=user-list]")).getText())
        .contains(tag + "-owner", "Merchant admin", "Enabled");

    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(tag + "-owner", USER_PASSWORD).expectDashboard();
    assertThat(browser.findElements(By.cssSelector("[data-testid=nav-merchants]")))
        .as("a merchant admin does not manage merchants")
        .isEmpty();
    // but sets its own merchant's notification URL and time zone, and sees its keys' prefixes
    browser.findElement(By.cssSelector("[data-testid=nav-settings]")).click();
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=nav-settings]"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(browser.findElement(By.cssSelector("[data-testid=key-list]")).getText())
        .contains(key.substring(0, 11));
    // and manages its own keys and people (issue 29): a new key shown once, a support colleague
    browser.findElement(By.id("key-label")).sendKeys("till software");
    submitWith("[data-testid=issue-key]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=new-api-key]")).getText())
        .startsWith("sk_");
    browser.findElement(By.id("u-name")).sendKeys(tag + "-helpdesk");
    new Select(browser.findElement(By.id("u-role"))).selectByValue("SUPPORT");
    browser.findElement(By.id("u-password")).sendKeys(USER_PASSWORD);
    submitWith("[data-testid=add-user]");
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-username='" + tag + "-helpdesk']"))
                .getText())
        .contains("Support", "Enabled");
    assertThat(browser.findElement(By.cssSelector("[data-testid=key-list]")).getText())
        .contains("till software");
    browser.findElement(By.id("m-zone")).clear();
    browser.findElement(By.id("m-zone")).sendKeys("Mars/Olympus");
    browser.findElement(By.cssSelector("[data-testid=save-settings]")).click();
    awaitText("[data-testid=settings-form]", "must be a time zone");
    browser.findElement(By.id("m-zone")).clear();
    browser.findElement(By.id("m-zone")).sendKeys("Europe/Stockholm");
    browser.findElement(By.cssSelector("[data-testid=save-settings]")).click();
    awaitText("[data-testid=done]", "Settings saved");
    browser.get(root() + "/console");
    assertThat(browser.findElement(By.cssSelector("[data-testid=zone]")).getText())
        .contains("Europe/Stockholm");
    browser.get(root() + "/console/merchants/mer_somebody_else");
    assertThat(browser.getPageSource()).contains("404");
    browser.get(root() + "/console/merchants");
    assertThat(browser.getPageSource()).contains("403");

    // a platform admin adds platform-wide support staff, and disables a merchant's user
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    browser.findElement(By.cssSelector("[data-testid=nav-users]")).click();
    browser.findElement(By.id("u-name")).sendKeys(tag + "-desk");
    browser.findElement(By.id("u-password")).sendKeys(USER_PASSWORD);
    submitWith("[data-testid=add-user]");
    assertThat(
            browser.findElement(By.cssSelector("tr[data-username='" + tag + "-desk']")).getText())
        .contains("Support", "Enabled");

    // an admin API token from the console: shown once, working, audited, revoked here too
    browser.findElement(By.cssSelector("[data-testid=token-label]")).sendKeys("nightly " + tag);
    submitWith("[data-testid=token-issue]");
    String token = browser.findElement(By.cssSelector("[data-testid=new-admin-token]")).getText();
    assertThat(token).startsWith("adm_");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("shown only this once");
    browser.navigate().refresh();
    assertThat(browser.findElements(By.cssSelector("[data-testid=new-admin-token]")))
        .as("a refresh neither shows the token again nor issues another")
        .isEmpty();
    JsonHttp admin = new JsonHttp(base, "Bearer " + token);
    assertThat(admin.get("/api/v1/admin/tokens").status()).isEqualTo(200);
    var tokenRow =
        browser.findElement(
            By.xpath("//tr[@data-token][.//*[contains(., 'nightly " + tag + "')]]"));
    assertThat(tokenRow.getText()).contains(token.substring(0, 12), "Active");
    browser.get(root() + "/console/audit");
    assertThat(browser.findElement(By.cssSelector("main")).getText())
        .contains("Created an admin API token", token.substring(0, 12))
        .doesNotContain(token);
    browser.get(root() + "/console/users");
    tokenRow =
        browser.findElement(
            By.xpath("//tr[@data-token][.//*[contains(., 'nightly " + tag + "')]]"));
    tokenRow.findElement(By.cssSelector("[data-testid=token-revoke]")).click();
    awaitText("[data-testid=done]", "Token revoked");
    assertThat(admin.get("/api/v1/admin/tokens").status()).isEqualTo(401);
    browser.get(merchantUrl);
    browser
        .findElement(
            By.cssSelector("tr[data-username='" + tag + "-owner'] [data-testid=user-enabled]"))
        .click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-question]")).getText())
        .contains("Disable the user " + tag + "-owner");
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    assertThat(
            browser.findElement(By.cssSelector("tr[data-username='" + tag + "-owner']")).getText())
        .contains("Disabled");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("User disabled");
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(tag + "-owner", USER_PASSWORD);
    assertThat(browser.findElements(By.cssSelector("[data-testid=dashboard]")))
        .as("a disabled user cannot sign in")
        .isEmpty();
  }

  @Test
  void paymentsAreFoundFollowedLiveExportedAndShownOnTheCustomerDisplay() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    merchantWithUsers(tag);
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    JsonHttp.Answer store =
        partner.post(
            "/api/v1/stores",
            "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"shop-1\",\"name\":\"Main St\","
                + "\"address\":{\"street_address\":\"1 Main St\",\"postal_code\":\"43215\","
                + "\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}");
    assertThat(store.status()).as(store.toString()).isEqualTo(201);
    String storeId = store.json().getString("id");
    partner.post(
        "/api/v1/stores/" + storeId + "/terminals",
        "{\"terminal_reference\":\"till-1\",\"name\":\"Till 1\",\"has_display\":true}");

    // the merchant admin gives till 1's screen its link
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    browser.get(root() + "/console/stores/" + storeId);
    browser
        .findElement(By.cssSelector("tr[data-reference='till-1'] [data-testid=display-link]"))
        .click();
    String displayUrl =
        browser.findElement(By.cssSelector("[data-testid=display-url]")).getAttribute("href");
    assertThat(displayUrl)
        .as("the whole link, to scan or copy")
        .matches("https?://.+/display/[A-Za-z0-9_-]{20,}");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=display-url-qr] svg"))
                .getDomAttribute("viewBox"))
        .startsWith("0 0 ");
    String console = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    String display = browser.getWindowHandle();
    browser.manage().window().setSize(new Dimension(1024, 768)); // a tablet
    browser.get(displayUrl);
    awaitVisible("[data-testid=display-idle]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-store]")).getText())
        .isEqualTo("Main St");

    // an open payments list offers a payment created after it was drawn
    browser.switchTo().window(console);
    browser.get(root() + "/console/payments");
    Thread.sleep(1500); // the page's event stream connects

    // yen have no minor units: 5000 is ¥5,000, to the shopper as to the console
    String sale = inStore("live-" + tag, 5000, "JPY");
    JsonObject payment = partner.post("/api/v1/payments", sale).json();
    String id = payment.getString("id");
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    awaitVisible("[data-testid=new-payments]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=new-payments]")).getText())
        .contains("1 new payment");
    browser.findElement(By.cssSelector("[data-testid=show-new-payments]")).click();
    awaitText("[data-testid=payment-list]", "live-" + tag);

    // the terminals view says what is on till 1 now, and that its display asks
    browser.findElement(By.cssSelector("[data-testid=nav-terminals]")).click();
    String till = "tr[data-terminal='till-1']";
    assertThat(browser.findElement(By.cssSelector(till + " [data-testid=till-current]")).getText())
        .contains("live-" + tag);
    assertThat(browser.findElement(By.cssSelector(till + " [data-field=status]")).getText())
        .isEqualTo("Pending");
    assertThat(browser.findElement(By.cssSelector(till + " [data-testid=till-display]")).getText())
        .contains("Connected", "last contact");
    screenshot("terminals");

    browser.switchTo().window(display);
    awaitVisible("[data-testid=display-qr]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-qr-timeout]")).getText())
        .contains("times out in");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=display-qr-image]"))
                .getAttribute("src"))
        .contains("/qr.svg");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "const i = document.querySelector('[data-testid=display-qr-image]');"
                                + " return i.complete && i.naturalWidth > 0;"));
    assertThat(browser.findElement(By.cssSelector("[data-view=qr] [data-field=amount]")).getText())
        .isEqualTo("¥5,000");
    screenshot("display-qr");
    browser.manage().window().setSize(new Dimension(1600, 900)); // a monitor
    screenshot("display-qr-desktop");
    browser.manage().window().setSize(new Dimension(1024, 768));

    browser.switchTo().window(console);
    browser.get(root() + "/console/payments?q=live-" + tag);
    String row = "tr[data-payment-id='" + id + "'] [data-field=status]";
    assertThat(browser.findElement(By.cssSelector(row)).getText()).isEqualTo("Pending");
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-payment-id='" + id + "'] [data-field=amount]"))
                .getText())
        .isEqualTo("¥5,000");

    ItGateway.sandboxAction(base, pr, "open");
    browser.switchTo().window(display);
    awaitVisible("[data-testid=display-waiting]");
    ItGateway.sandboxAction(base, pr, "complete");
    awaitVisible("[data-testid=display-result]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-result-text]")).getText())
        .startsWith("Approved");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-result-icon]")).getText())
        .as("not colour alone")
        .isEqualTo("\u2713");
    screenshot("display-approved");
    assertThat(browser.getPageSource())
        .as("no emoji that needs an emoji font")
        .doesNotContain("\u23F1", "\u26A0", "\u231B");
    // the network drops: after 5 s the approval gives way to "Reconnecting…", and comes back
    var displayJs = (JavascriptExecutor) browser;
    displayJs.executeScript(
        "window.__fetch = window.fetch;"
            + " window.fetch = function () { return Promise.reject(new Error('offline')); };");
    new WebDriverWait(browser, Duration.ofSeconds(12))
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=display-offline]")));
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-offline-text]")).getText())
        .isEqualTo("Reconnecting\u2026");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-result]")).isDisplayed())
        .as("no stale outcome")
        .isFalse();
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=display-offline-text]"))
                .getAttribute("data-ask"))
        .contains("ask the cashier");
    displayJs.executeScript("window.fetch = window.__fetch;");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("[data-testid=display-offline]")));
    browser.switchTo().window(console);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.cssSelector(row), "Authorized"));
    assertThat(browser.getCurrentUrl()).as("no reload").endsWith("/console/payments?q=live-" + tag);

    // pairing another screen disconnects this one, after a confirmation, and it says so
    browser.get(root() + "/console/stores/" + storeId);
    browser
        .findElement(By.cssSelector("tr[data-reference='till-1'] [data-testid=display-link]"))
        .click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-question]")).getText())
        .contains("till-1");
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    assertThat(
            browser.findElement(By.cssSelector("[data-testid=display-url]")).getAttribute("href"))
        .isNotEqualTo(displayUrl);
    browser.switchTo().window(display);
    awaitVisible("[data-testid=display-disconnected]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-disconnected]")).getText())
        .contains("This screen was disconnected", "pair it again");
    screenshot("display-disconnected");
    browser.navigate().refresh();
    assertThat(browser.findElement(By.cssSelector("[data-testid=display-disconnected]")).getText())
        .as("reloaded, it says the same, not a console 404")
        .contains("disconnected")
        .doesNotContain("console");
    browser.close();
    browser.switchTo().window(console);
    browser.get(root() + "/console/payments?q=live-" + tag);

    // the detail and its timeline
    browser.findElement(By.linkText("live-" + tag)).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText())
        .contains("Klarna final authorize: approved", "Partner created the payment");
    assertThat(browser.findElement(By.cssSelector("[data-testid=transaction-id]")).getText())
        .startsWith("krn:payment:eu1:transaction:");
    screenshot("payment-detail");

    // found by a bare Klarna UUID, by a word inside its reference, by its amount as typed
    for (String q : List.of(pr.substring(pr.lastIndexOf(':') + 1), tag, "5,000")) {
      browser.get(root() + "/console/payments?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      assertThat(browser.findElements(By.cssSelector("tr[data-payment-id='" + id + "']")))
          .as("search for " + q)
          .hasSize(1);
    }
    assertThat(browser.findElement(By.cssSelector("[data-testid=payments-total]")).getText())
        .as("the filter's total")
        .contains("¥5,000");
    browser.get(root() + "/console/payments?q=live-" + tag + "&page=999&from=2026-02-31");
    assertThat(browser.findElements(By.cssSelector("[data-testid=search-note]")))
        .extracting(WebElement::getText)
        .as("what cannot be read is said, not ignored")
        .anyMatch(n -> n.contains("2026-02-31") && n.contains("not a date"))
        .anyMatch(n -> n.contains("no page 1000") && n.contains("showing page 1 of 1"));
    assertThat(browser.findElements(By.cssSelector("tr[data-payment-id='" + id + "']"))).hasSize(1);

    // CSV of a filter: the authorized one, not the declined one
    String declined =
        partner.post("/api/v1/payments", inStore("dec-" + tag, 4001)).json().getString("id");
    String csv = withSession("/console/payments-data/export.csv?status=authorized&store=shop-1");
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,created_at,");
    assertThat(csv).contains(id, "live-" + tag).doesNotContain(declined);
    assertThat(csv.lines().count()).isEqualTo(2);

    // "charged twice?": the same amount approved twice on till 1 seconds apart is flagged on both
    String first =
        partner.post("/api/v1/payments", inStore("twice-a-" + tag, 2502)).json().getString("id");
    String second =
        partner.post("/api/v1/payments", inStore("twice-b-" + tag, 2502)).json().getString("id");
    assertThat(partner.get("/api/v1/payments/" + second).json().getString("status"))
        .isEqualTo("authorized");
    browser.get(root() + "/console/payments?q=twice-a-" + tag);
    assertThat(
            browser
                .findElement(
                    By.cssSelector(
                        "tr[data-payment-id='" + first + "'] [data-testid=possible-duplicate]"))
                .getText())
        .isEqualTo("Possible duplicate");
    browser.get(root() + "/console/payments/" + second);
    assertThat(browser.findElement(By.cssSelector("[data-testid=possible-duplicate]")).getText())
        .contains("Possible duplicate", first);
    browser.get(root() + "/console/payments/" + id);
    assertThat(browser.findElements(By.cssSelector("[data-testid=possible-duplicate]"))).isEmpty();

    // Klarna fails the final authorization three times: the merchant admin retries it at once
    String retried =
        partner.post("/api/v1/payments", inStore("retry-" + tag, 3300)).json().getString("id");
    String retriedPr =
        partner
            .get("/api/v1/payments/" + retried)
            .json()
            .getJsonObject("klarna")
            .getString("payment_request_id");
    for (int i = 0; i < 3; i++) {
      ItGateway.sandbox(base).sandboxFault("final_authorize", "HTTP_500", 0);
    }
    ItGateway.sandboxAction(base, retriedPr, "complete");
    ItGateway.awaitSummary(partner, retried, "Klarna final authorize failed");
    browser.get(root() + "/console/payments/" + retried);
    assertThat(browser.findElement(By.cssSelector("[data-testid=finalizing-failure]")).getText())
        .as("a failing final authorization is shown, not only a row of the timeline")
        .contains("Klarna's authorization is failing", "HTTP 500");
    browser.findElement(By.cssSelector("[data-testid=retry]")).click();
    awaitText("main [data-field=status]", "Authorized");
    assertThat(browser.findElement(By.cssSelector("[data-testid=done]")).getText())
        .contains("retried; the payment is now Authorized");
    assertThat(browser.findElements(By.cssSelector("[data-testid=finalizing]"))).isEmpty();

    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText())
        .contains("Final authorization retried in the console by " + lastMerchantAdmin);

    // an open payment page follows the approval: its actions, deadlines and timeline swap live
    String watched =
        partner.post("/api/v1/payments", inStore("watch-" + tag, 3400)).json().getString("id");
    browser.get(root() + "/console/payments/" + watched);
    assertThat(browser.findElements(By.cssSelector("[data-testid=cancel]"))).hasSize(1);
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = 42;");
    ItGateway.sandboxAction(
        base,
        partner
            .get("/api/v1/payments/" + watched)
            .json()
            .getJsonObject("klarna")
            .getString("payment_request_id"),
        "complete");
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(By.cssSelector("main [data-field=status]"))
                    .getText()
                    .equals("Authorized"));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector("[data-testid=cancel]")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText())
        .contains("Klarna final authorize: approved");
    assertThat(browser.findElement(By.cssSelector("[data-testid=transaction-id]")).getText())
        .startsWith("krn:payment:eu1:transaction:");
    assertThat(browser.getPageSource())
        .as("no countdown once authorized")
        .doesNotContain("data-countdown");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
        .as("no reload")
        .isEqualTo(42L);

    // a pending sale: the merchant admin cancels it, after confirming
    String pending =
        partner.post("/api/v1/payments", inStore("pend-" + tag, 2500)).json().getString("id");
    browser.get(root() + "/console/payments/" + pending);
    browser.findElement(By.cssSelector("[data-testid=cancel]")).click();
    browser.findElement(By.cssSelector("[data-testid=cancel-confirmed]")).click();
    awaitText("main [data-field=status]", "Canceled");

    // another merchant's payment is not there for this merchant admin
    String merchantAdmin = lastMerchantAdmin;
    String support = lastSupport;
    merchantWithUsers(tag + "o");
    JsonHttp other = new JsonHttp(base, "Bearer " + lastApiKey);
    other.post(
        "/api/v1/stores",
        "{\"type\":\"WEBSITE\",\"store_reference\":\"web\",\"name\":\"W\",\"url\":\"https://o.example\"}");
    String theirs =
        other
            .post(
                "/api/v1/payments",
                "{\"amount\":1002,\"currency\":\"USD\",\"reference\":\"theirs-"
                    + tag
                    + "\",\"store_reference\":\"web\",\"return_url\":\"https://o.example/r\"}")
            .json()
            .getString("id");
    browser.get(root() + "/console/payments/" + theirs);
    assertThat(browser.getPageSource()).contains("404").doesNotContain("theirs-" + tag);
    browser.get(root() + "/console/payments?q=theirs-" + tag);
    assertThat(browser.findElement(By.cssSelector("[data-testid=payments-total]")).getText())
        .startsWith("0 ");

    // a support user finds it by reference and reads the timeline, but cannot cancel anything
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(support, USER_PASSWORD).expectDashboard();
    browser.findElement(By.cssSelector("[data-testid=nav-payments]")).click();
    browser.findElement(By.id("f-q")).sendKeys("live-" + tag);
    browser.findElement(By.cssSelector("[data-testid=search]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("q=live-" + tag));
    browser.findElement(By.linkText("live-" + tag)).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText())
        .contains("Klarna final authorize: approved");
    String stillPending =
        partner.post("/api/v1/payments", inStore("sup-" + tag, 2600)).json().getString("id");
    browser.get(root() + "/console/payments/" + stillPending);
    assertThat(browser.findElements(By.cssSelector("[data-testid=cancel]"))).isEmpty();
    browser.get(root() + "/console/payments/" + stillPending + "/cancel");
    assertThat(browser.getPageSource()).contains("403");

    // the platform admin sees who canceled, and the dashboard
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    assertThat(browser.findElement(By.cssSelector("[data-testid=period] [aria-current]")).getText())
        .as("this week unless another period is picked")
        .isEqualTo("This week");
    assertThat(browser.findElement(By.cssSelector("[data-testid=week]")).getText())
        .contains("payments", "Authorized", "Canceled");
    assertThat(browser.findElement(By.cssSelector("[data-testid=volume]")).getText())
        .as("money as well as counts")
        .contains("Authorized, JPY", "¥");
    browser.findElement(By.cssSelector("[data-testid=week] li[data-key=canceled] a")).click();
    assertThat(browser.getCurrentUrl())
        .as("a bar opens the list it counts")
        .contains("status=canceled");
    assertThat(browser.findElement(By.cssSelector("[data-testid=payment-list]")).getText())
        .contains("Canceled");
    browser.navigate().back();
    screenshot("dashboard");
    browser.findElement(By.cssSelector("[data-testid=nav-audit]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=audit-list]")).getText())
        .as("actions in words, merchants by name")
        .contains("Canceled a payment", pending, merchantAdmin, "Issued a display link")
        .contains("Shop " + tag)
        .as("the admin API's changes are there too, with who made them")
        .contains("admin-api.post", "users", "merchants");
    // filtered: one user's payment actions
    new Select(browser.findElement(By.cssSelector("[data-testid=audit-action]")))
        .selectByValue("payment.");
    browser.findElement(By.id("a-user")).sendKeys(merchantAdmin);
    browser.findElement(By.cssSelector("[data-testid=audit-search]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("action=payment."));
    assertThat(browser.findElements(By.cssSelector("[data-testid=audit-list] [data-field=action]")))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getAttribute("title")).startsWith("payment."));
  }

  private static String inStore(String reference, long amount) {
    return inStore(reference, amount, "USD");
  }

  private static String inStore(String reference, long amount, String currency) {
    return PaymentBodies.inStore(amount)
        .reference(reference)
        .store("shop-1")
        .terminal("till-1")
        .currency(currency)
        .lineItem(false)
        .json();
  }

  @Test
  void aMerchantAdminCapturesAndRefundsPartOfAPaymentAndSupportCannot() {
    String tag = "money" + UUID.randomUUID().toString().substring(0, 8);
    merchantWithUsers(tag);
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    partner.post(
        "/api/v1/stores",
        "{\"type\":\"WEBSITE\",\"store_reference\":\"web\",\"name\":\"W\",\"url\":\"https://m.example\"}");
    // approved at once (an amount ending in 02); online, so it waits to be captured
    String id =
        partner
            .post(
                "/api/v1/payments",
                "{\"amount\":12002,\"currency\":\"USD\",\"reference\":\"money-"
                    + tag
                    + "\",\"store_reference\":\"web\",\"return_url\":\"https://m.example/r\"}")
            .json()
            .getString("id");
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    assertThat(browser.findElement(By.cssSelector("[data-testid=uncaptured]")).getText())
        .contains("$120.02");
    browser.get(root() + "/console/payments/" + id);
    assertThat(browser.findElement(By.cssSelector("[data-amount=capturable]")).getText())
        .isEqualTo("$120.02");
    assertThat(browser.findElement(By.cssSelector("main [data-field=money-status]")).getText())
        .isEqualTo("Uncaptured");

    // captured elsewhere (the API) while the page is open: the money badge and amounts follow live
    assertThat(partner.post("/api/v1/payments/" + id + "/captures", "{\"amount\":1000}").status())
        .isEqualTo(201);
    awaitText("main [data-field=money-status]", "Partially captured");
    awaitText("[data-amount=captured]", "$10.00");

    browser.findElement(By.cssSelector("[data-testid=capture-amount]")).sendKeys("40.00");
    browser.findElement(By.cssSelector("[data-testid=capture]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-capture]")).getText())
        .as("the confirmation states the amount")
        .contains("Capture $40.00");
    browser.findElement(By.cssSelector("[data-testid=capture-confirmed]")).click();
    awaitText("[data-amount=captured]", "$50.00");
    assertThat(browser.findElement(By.cssSelector("[data-amount=capturable]")).getText())
        .isEqualTo("$70.02");

    browser.findElement(By.cssSelector("[data-testid=refund-amount]")).sendKeys("20.00");
    browser.findElement(By.cssSelector("[data-testid=refund-reason]")).sendKeys("damaged box");
    browser.findElement(By.cssSelector("[data-testid=refund]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-refund]")).getText())
        .contains("Refund $20.00");
    browser.findElement(By.cssSelector("[data-testid=refund-confirmed]")).click();
    awaitText("[data-amount=refunded]", "$20.00");
    assertThat(browser.findElement(By.cssSelector("[data-testid=movements]")).getText())
        .contains("Capture", "$40.00", "Refund", "$20.00", "damaged box", "Done");
    assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText())
        .contains("Capture of $40.00 requested by " + lastMerchantAdmin + " in the console");

    // a race: $20.00 is confirmable, then another refund of $20.00 leaves $10.00 before "Yes";
    // the refusal after "Yes" is said in dollars, never in cents
    browser.get(root() + "/console/payments/" + id + "/refund?amount=20.00");
    assertThat(partner.post("/api/v1/payments/" + id + "/refunds", "{\"amount\":2000}").status())
        .isEqualTo(201);
    submitWith("[data-testid=refund-confirmed]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=problem]")).getText())
        .isEqualTo("$20.00 is more than can be refunded ($10.00).")
        .doesNotContain("2000");

    // more than is left, typed by hand: refused before any "Yes", in dollars, at the field
    browser.get(root() + "/console/payments/" + id + "/capture?amount=80.00");
    assertThat(browser.findElements(By.cssSelector("[data-testid=capture-confirmed]"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-testid=capture-amount-error]")).getText())
        .isEqualTo("$80.00 is more than can be captured: $70.02 is left.");
    browser.get(root() + "/console/payments/" + id + "/capture?amount=1.234");
    assertThat(browser.findElement(By.cssSelector("[data-testid=capture-amount-error]")).getText())
        .contains("USD has 2 decimals");
    JsonObject after = partner.get("/api/v1/payments/" + id).json().getJsonObject("amounts");
    assertThat(after.getInt("captured")).isEqualTo(5000);
    assertThat(after.getInt("refunded")).isEqualTo(4000);

    // support reads the money, but has no buttons, and the POSTs are refused
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(lastSupport, USER_PASSWORD).expectDashboard();
    browser.get(root() + "/console/payments/" + id);
    assertThat(browser.findElement(By.cssSelector("[data-amount=captured]")).getText())
        .isEqualTo("$50.00");
    for (String button : List.of("capture", "refund", "release")) {
      assertThat(browser.findElements(By.cssSelector("[data-testid=" + button + "]"))).isEmpty();
    }
    browser.get(root() + "/console/payments/" + id + "/capture?amount=1.00");
    assertThat(browser.getPageSource()).contains("403");
    for (String action : List.of("capture", "refund", "release")) {
      browser.get(root() + "/console/payments/" + id);
      ((JavascriptExecutor) browser)
          .executeScript(
              "var f = document.createElement('form'); f.method = 'post';"
                  + " f.action = arguments[0];"
                  + " document.querySelectorAll('form input[type=hidden]').forEach("
                  + "   function (i) { f.appendChild(i.cloneNode()); });"
                  + " var a = document.createElement('input'); a.name = 'amount'; a.value = '100';"
                  + " f.appendChild(a); document.body.appendChild(f); f.submit();",
              root() + "/console/payments/" + id + "/" + action);
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().endsWith("/" + action));
      assertThat(browser.getPageSource()).as(action).contains("403");
    }
    JsonObject still = partner.get("/api/v1/payments/" + id).json().getJsonObject("amounts");
    assertThat(still.getInt("captured")).isEqualTo(5000);
    assertThat(still.getInt("refunded")).isEqualTo(4000);

    // support cannot act, but asks the merchant's admins to; the note is on their dashboard
    browser.get(root() + "/console/payments/" + id);
    submitWith("[data-testid=send-note]");
    assertThat(browser.findElement(By.id("note-error")).getText()).contains("Write what");
    browser
        .findElement(By.cssSelector("[data-testid=note-text]"))
        .sendKeys("The shopper was charged twice: please refund one.");
    submitWith("[data-testid=send-note]");
    awaitText("[data-testid=done]", "Note sent");
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    assertThat(browser.findElement(By.cssSelector("[data-testid=support-notes]")).getText())
        .contains("The shopper was charged twice: please refund one.", id, lastSupport);
    var noteDone = browser.findElement(By.cssSelector("[data-testid=note-done]"));
    noteDone.click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.stalenessOf(noteDone));
    assertThat(browser.findElements(By.cssSelector("[data-testid=support-notes]"))).isEmpty();
  }

  /**
   * Issue 29: a German merchant admin types "40,00" and refunds €40.00 (not €4,000.00); what cannot
   * be read, or is more than is left, is refused at the field before any "Yes"; the badge, the
   * filter, the API and both exports say whether the shopper was charged; the payment page fits a
   * phone.
   */
  @Test
  void aDecimalCommaRefundsFortyEurosAndTheMoneyStatusSaysWhetherTheShopperWasCharged()
      throws Exception {
    String tag = "eur" + UUID.randomUUID().toString().substring(0, 8);
    merchantWithUsers(tag);
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    partner.post(
        "/api/v1/stores",
        "{\"type\":\"WEBSITE\",\"store_reference\":\"web\",\"name\":\"W\",\"url\":\"https://m.example\"}");
    String id =
        partner
            .post(
                "/api/v1/payments",
                "{\"amount\":12002,\"currency\":\"EUR\",\"reference\":\"komma-"
                    + tag
                    + "\",\"store_reference\":\"web\",\"return_url\":\"https://m.example/r\"}")
            .json()
            .getString("id");
    assertThat(partner.get("/api/v1/payments/" + id).json().getString("money_status"))
        .isEqualTo("uncaptured");
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    browser.get(root() + "/console/payments/" + id);
    assertThat(browser.findElement(By.cssSelector("main [data-field=money-status]")).getText())
        .isEqualTo("Uncaptured");
    assertThat(browser.findElement(By.cssSelector("[data-testid=charged]")).getText())
        .startsWith("Not yet.");

    // a language of their own, kept per user: "1.234" is too precise in English (the browser's),
    // and a thousand in German from the next request on
    browser.get(root() + "/console/payments/" + id + "/capture?amount=1.234");
    assertThat(browser.findElement(By.cssSelector("[data-testid=capture-amount-error]")).getText())
        .contains("EUR has 2 decimals");
    browser.findElement(By.cssSelector("[data-testid=nav-preferences]")).click();
    new Select(browser.findElement(By.cssSelector("[data-testid=locale]"))).selectByValue("de-DE");
    submitWith("[data-testid=save-locale]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=effective-locale]")).getText())
        .contains("German");
    assertThat(Accessibility.violations(browser)).as("axe: the preferences").isEmpty();
    browser.get(root() + "/console/payments/" + id + "/capture?amount=1.234");
    assertThat(browser.findElement(By.cssSelector("[data-testid=capture-amount-error]")).getText())
        .isEqualTo("€1,234.00 is more than can be captured: €120.02 is left.");
    browser.get(root() + "/console/preferences");
    new Select(browser.findElement(By.cssSelector("[data-testid=locale]"))).selectByValue("");
    submitWith("[data-testid=save-locale]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=effective-locale]")).getText())
        .contains("English");
    browser.get(root() + "/console/payments/" + id);

    // the payment page on a phone: nothing wider than the screen; Release is red-outlined
    var size = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      var js = (JavascriptExecutor) browser;
      Number overflow =
          (Number)
              js.executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow.intValue()).as("horizontal scroll at 390 px").isLessThanOrEqualTo(0);
      assertThat(
              browser
                  .findElement(By.cssSelector("[data-testid=capture-amount]"))
                  .getSize()
                  .getHeight())
          .as("a money input people can hit")
          .isGreaterThanOrEqualTo(36);
      var release = browser.findElement(By.cssSelector("[data-testid=release]"));
      assertThat(release.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
      assertThat(release.getCssValue("color")).isEqualTo("rgba(161, 0, 27, 1)");
      screenshot("phone-payment");
      assertThat(Accessibility.violations(browser)).as("axe at 390 px: the payment").isEmpty();
      browser.get(root() + "/console/payments?q=komma-" + tag);
      assertThat(Accessibility.violations(browser)).as("axe at 390 px: the list").isEmpty();
      var row = browser.findElement(By.cssSelector("tr[data-payment-id='" + id + "']"));
      assertThat(row.findElement(By.linkText("komma-" + tag)).getRect().getX() + 40)
          .as("on a phone the list shows the payment, not only its date")
          .isLessThan(390);
      assertThat(row.findElement(By.cssSelector("[data-field=amount]")).isDisplayed()).isTrue();
      browser.get(root() + "/console/payments/" + id + "/capture?amount=4,5,0");
      assertThat(
              browser.findElement(By.cssSelector("[data-testid=capture-amount-error]")).getText())
          .contains("ambiguous");
      assertThat(Accessibility.violations(browser))
          .as("axe at 390 px: an amount refused at its field")
          .isEmpty();
      for (String page :
          List.of(
              "/console",
              "/console/stores",
              "/console/terminals",
              "/console/deliveries",
              "/console/disputes",
              "/console/payouts")) {
        browser.get(root() + page);
        assertThat(Accessibility.violations(browser)).as("axe at 390 px: " + page).isEmpty();
        Number wider =
            (Number)
                js.executeScript(
                    "return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;");
        assertThat(wider.intValue())
            .as("horizontal scroll at 390 px: " + page)
            .isLessThanOrEqualTo(0);
      }
      browser.get(root() + "/console/payments/" + id);
    } finally {
      browser.manage().window().setSize(size);
    }

    browser.findElement(By.cssSelector("[data-testid=capture-amount]")).sendKeys("100,00");
    browser.findElement(By.cssSelector("[data-testid=capture]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-capture]")).getText())
        .contains("€100.00");
    browser.findElement(By.cssSelector("[data-testid=capture-confirmed]")).click();
    awaitText("[data-amount=captured]", "€100.00");

    // more than is left: said at the field in euros, before any confirmation
    browser.findElement(By.cssSelector("[data-testid=refund-amount]")).sendKeys("500,00");
    browser.findElement(By.cssSelector("[data-testid=refund]")).click();
    awaitVisible("[data-testid=refund-amount-error]");
    assertThat(browser.findElements(By.cssSelector("[data-testid=confirm-refund]"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("[data-testid=refund-amount-error]")).getText())
        .isEqualTo("€500.00 is more than can be refunded: €100.00 is left.");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=refund-amount]"))
                .getAttribute("aria-invalid"))
        .isEqualTo("true");
    // a separator used both ways is refused, and what was typed stays to be corrected
    var field = browser.findElement(By.cssSelector("[data-testid=refund-amount]"));
    field.clear();
    field.sendKeys("4,5,0");
    browser.findElement(By.cssSelector("[data-testid=refund]")).click();
    awaitText("[data-testid=refund-amount-error]", "ambiguous");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=refund-amount]"))
                .getAttribute("value"))
        .isEqualTo("4,5,0");

    field = browser.findElement(By.cssSelector("[data-testid=refund-amount]"));
    field.clear();
    field.sendKeys("40,00");
    browser.findElement(By.cssSelector("[data-testid=refund]")).click();
    awaitVisible("[data-testid=confirm-refund]");
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-refund]")).getText())
        .contains("Refund €40.00")
        .doesNotContain("4,000");
    browser.findElement(By.cssSelector("[data-testid=refund-confirmed]")).click();
    awaitText("[data-amount=refunded]", "€40.00");
    assertThat(browser.findElement(By.cssSelector("main [data-field=money-status]")).getText())
        .isEqualTo("Partially refunded");
    JsonObject money = partner.get("/api/v1/payments/" + id).json();
    assertThat(money.getJsonObject("amounts").getInt("refunded")).isEqualTo(4000);
    assertThat(money.getString("money_status")).isEqualTo("partially_refunded");
    assertThat(
            partner
                .get("/api/v1/payments?money_status=partially_refunded&reference=komma-" + tag)
                .json()
                .getInt("total"))
        .isEqualTo(1);
    assertThat(partner.get("/api/v1/payments?money_status=charged").status()).isEqualTo(400);

    // the list: a money badge, a filter, and a total of what was charged
    browser.get(root() + "/console/payments?q=komma-" + tag + "&money=partially_refunded");
    assertThat(
            browser
                .findElement(
                    By.cssSelector("tr[data-payment-id='" + id + "'] [data-field=money-status]"))
                .getText())
        .isEqualTo("Partially refunded");
    assertThat(browser.findElement(By.cssSelector("[data-testid=payments-total]")).getText())
        .startsWith("1 payment ")
        .contains("€60.00");
    for (String export : List.of("export-csv", "export-movements")) {
      assertThat(
              browser
                  .findElement(By.cssSelector("[data-testid=" + export + "]"))
                  .getAttribute("href"))
          .as("the exports keep every filter of the list")
          .contains("q=komma-" + tag, "money=partially_refunded");
    }
    browser.get(root() + "/console/payments?expiring=7&store=web");
    assertThat(browser.findElement(By.cssSelector("[data-testid=export-csv]")).getAttribute("href"))
        .contains("expiring=7", "store=web");
    browser.get(root() + "/console/payments?q=komma-" + tag + "&money=uncaptured");
    assertThat(browser.findElements(By.cssSelector("tr[data-payment-id='" + id + "']"))).isEmpty();

    // exports: the payment's money status, and one dated row per movement
    String csv = withSession("/console/payments-data/export.csv?q=komma-" + tag);
    assertThat(csv.lines().findFirst().orElseThrow())
        .endsWith(
            ",money_status,captured_major,refunded_major,created_at_local,time_zone,disputed,lost,"
                + "disputed_major,lost_major");
    assertThat(csv).contains(",partially_refunded,100.00,40.00");
    String moves =
        withSession(
            "/console/payments-data/movements.csv?q=komma-" + tag + "&money=partially_refunded");
    List<String> lines = moves.lines().toList();
    assertThat(lines.get(0)).startsWith("occurred_at (UTC),time_zone,kind,amount_minor,");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains(",capture,10000,100.00,100.00,EUR,");
    assertThat(lines.get(2)).contains(",refund,4000,40.00,-40.00,EUR,");
  }

  @Test
  void theApiDocsRenderTheGatewaysOperationsAndTheConsoleLinksToThem() {
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    browser.findElement(By.cssSelector("[data-testid=nav-api]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    ".opblock-summary-path[data-path='/api/v1/payments/{id}/captures']")));
    String text = browser.findElement(By.id("swagger-ui")).getText();
    assertThat(text)
        .contains("Klarna step-up gateway", "payments", "/api/v1/payments", "Take a payment");
    assertThat(browser.getPageSource()).doesNotContain("/klarna-sandbox/sandbox");
  }

  @Test
  void everyPageMeetsWcag21LevelAaAsAxeCoreChecksIt() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String merchantId = merchantWithUsers(tag);
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    String storeId =
        partner
            .post(
                "/api/v1/stores",
                "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"shop-1\",\"name\":\"Main\","
                    + "\"address\":{\"street_address\":\"1 Main St\",\"postal_code\":\"43215\","
                    + "\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}")
            .json()
            .getString("id");
    partner.post(
        "/api/v1/stores/" + storeId + "/terminals",
        "{\"terminal_reference\":\"till-1\",\"name\":\"Till 1\",\"has_display\":true}");
    String paymentId =
        partner.post("/api/v1/payments", inStore("a11y-" + tag, 4400)).json().getString("id");
    Map<String, List<String>> found = new LinkedHashMap<>();

    browser.get(root() + "/login");
    found.put("/login", Accessibility.violations(browser));
    browser.get(root() + "/pay/pay_nosuchpayment");
    assertThat(browser.findElement(By.cssSelector("[data-testid=shopper-error]")).getText())
        .as("a shopper's own page, not the console's 404")
        .contains("This payment link does not work")
        .doesNotContain("console");
    found.put("/pay/{unknown}", Accessibility.violations(browser));
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    for (String page :
        List.of(
            "/console",
            "/console/terminals",
            "/console/payments",
            "/console/payments/" + paymentId,
            "/console/payments/" + paymentId + "/cancel",
            "/console/stores",
            "/console/stores/new",
            "/console/stores/" + storeId,
            "/console/stores/" + storeId + "/edit",
            "/console/terminals/day?store=" + storeId + "&terminal=till-1",
            "/console/deliveries")) {
      browser.get(root() + page);
      found.put(page, Accessibility.violations(browser));
    }
    browser.get(root() + "/console/merchants/" + merchantId);
    found.put("the merchant's settings (its admin)", Accessibility.violations(browser));
    browser.get(root() + "/console/stores/" + storeId);
    browser
        .findElement(By.cssSelector("tr[data-reference='till-1'] [data-testid=display-link]"))
        .click();
    found.put("the new display link", Accessibility.violations(browser));
    String displayUrl =
        browser.findElement(By.cssSelector("[data-testid=display-url]")).getAttribute("href");
    browser.get(displayUrl);
    awaitVisible("[data-testid=display-qr]");
    found.put("/display/{token} (QR)", Accessibility.violations(browser));
    browser.get(root() + "/console/stores/" + storeId);
    browser
        .findElement(By.cssSelector("tr[data-reference='till-1'] [data-testid=display-disconnect]"))
        .click();
    found.put("a confirmation", Accessibility.violations(browser));
    browser.findElement(By.cssSelector("[data-testid=confirm-yes]")).click();
    awaitText("[data-testid=done]", "Display disconnected");
    browser.get(displayUrl);
    awaitVisible("[data-testid=display-disconnected]");
    found.put("/display/{token} (disconnected)", Accessibility.violations(browser));

    new DashboardPage(browserOnDashboard()).logOut();
    openLogin()
        .logIn(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD)
        .expectDashboard();
    for (String page :
        List.of(
            "/console/merchants",
            "/console/merchants/" + merchantId,
            "/console/users",
            "/console/audit")) {
      browser.get(root() + page);
      found.put(page, Accessibility.violations(browser));
    }
    // the platform's own pages on a phone too: axe, and nothing wider than the screen
    var size = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      for (String page :
          List.of(
              "/console",
              "/console/merchants",
              "/console/merchants/" + merchantId,
              "/console/users",
              "/console/audit",
              "/console/payments",
              "/console/payments/" + paymentId,
              "/console/payouts",
              "/console/reconciliation",
              "/console/disputes",
              "/console/deliveries",
              "/console/stores",
              "/console/terminals",
              "/console/preferences")) {
        browser.get(root() + page);
        var atPhone = new ArrayList<>(Accessibility.violations(browser));
        String sideways = runsOffTheSide();
        if (sideways != null) {
          atPhone.add(sideways);
        }
        found.put(page + " (platform admin, 390 px)", atPhone);
      }
    } finally {
      browser.manage().window().setSize(size);
    }

    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('main').appendChild(document.createElement('input'))");
    assertThat(Accessibility.violations(browser))
        .as("the check itself: an input without a label is found")
        .anyMatch(v -> v.startsWith("label "));

    assertThat(found).hasSize(36);
    Map<String, List<String>> failing = new LinkedHashMap<>(found);
    failing.values().removeIf(List::isEmpty);
    assertThat(failing).as("axe-core violations per page").isEmpty();
  }

  private String root() {
    return base.toString().replaceAll("/$", "");
  }

  private void awaitVisible(String css) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** A GET with the browser's console session, for what a browser would download. */
  private String withSession(String path) throws Exception {
    String cookies =
        browser.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(root() + path)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    return response.body();
  }

  /** Kept in target/screenshots; the ones in docs/ are copies of these. */
  private void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    var size = browser.manage().window().getSize();
    if (!name.startsWith("display") && !name.startsWith("phone")) {
      browser.manage().window().setSize(new Dimension(1280, 1500));
    }
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
    browser.manage().window().setSize(size);
  }

  @Test
  void aMerchantAdminSeesFailingNotificationsFirstAndRedeliversOne() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String merchantId = merchantWithUsers(tag);
    AtomicBoolean up = new AtomicBoolean(true);
    var receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
          exchange.close();
        });
    receiver.start();
    try {
      JsonHttp admin =
          new JsonHttp(
              base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
      assertThat(
              admin
                  .patch(
                      "/api/v1/admin/merchants/" + merchantId,
                      "{\"notification_url\":\"http://127.0.0.1:"
                          + receiver.getAddress().getPort()
                          + "/hooks\"}")
                  .status())
          .isEqualTo(200);
      JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
      partner.post(
          "/api/v1/stores",
          "{\"type\":\"WEBSITE\",\"store_reference\":\"web\",\"name\":\"Web\","
              + "\"url\":\"https://shop.example\"}");
      String payment =
          "{\"amount\":%d,\"currency\":\"USD\",\"reference\":\"%s\",\"store_reference\":\"web\","
              + "\"return_url\":\"https://shop.example/done\"}";
      // approved at once (amounts ending in 02): one notification delivered, one that keeps failing
      assertThat(partner.post("/api/v1/payments", payment.formatted(1002, "ok")).status())
          .isEqualTo(201);
      awaitNotifications(partner, "delivered", 1);
      up.set(false);
      String failing =
          partner.post("/api/v1/payments", payment.formatted(2002, "down")).json().getString("id");
      awaitNotifications(
          partner, "failed", 1); // retried after 1 s, 1 s, 2 s, 5 s (the IT schedule)

      openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
      browser.findElement(By.cssSelector("[data-testid=nav-deliveries]")).click();
      var rows = browser.findElements(By.cssSelector("[data-testid=delivery-list] tbody tr"));
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).getAttribute("data-status")).as("failing first").isEqualTo("FAILED");
      assertThat(rows.get(0).getText()).contains(failing, "503");
      assertThat(browser.findElements(By.cssSelector("[data-testid=webhook-health]")))
          .as("Klarna's side is for platform staff")
          .isEmpty();
      rows.get(0).findElement(By.tagName("a")).click();
      assertThat(browser.findElements(By.cssSelector("[data-testid=attempt-list] tbody tr")))
          .as("the first try and one retry per wait of the schedule")
          .hasSize(5);
      up.set(true);
      browser.findElement(By.cssSelector("[data-testid=redeliver]")).click();
      new WebDriverWait(browser, Duration.ofSeconds(15))
          .ignoring(WebDriverException.class)
          .until(
              d -> {
                d.navigate().refresh();
                return d.findElement(By.cssSelector("[data-testid=delivery-status]"))
                    .getText()
                    .equals("Delivered");
              });
      var attempts = browser.findElements(By.cssSelector("[data-testid=attempt-list] tbody tr"));
      assertThat(attempts).hasSize(6);
      assertThat(attempts.get(5).findElement(By.tagName("td")).getText())
          .as("a redelivery goes on numbering, it does not start again at 1")
          .isEqualTo("6");
      assertThat(browser.findElement(By.cssSelector("[data-testid=delivery-body]")).getText())
          .as("the body that was sent, indented")
          .contains("\"payment.authorized\"", failing)
          .contains("\n");
      assertThat(
              browser
                  .findElement(By.cssSelector("[data-testid=delivery-payment]"))
                  .getAttribute("href"))
          .endsWith("/console/payments/" + failing);

      new DashboardPage(browserOnDashboard()).logOut();
      openLogin().logIn(lastSupport, USER_PASSWORD).expectDashboard();
      browser.findElement(By.cssSelector("[data-testid=nav-deliveries]")).click();
      assertThat(browser.findElement(By.cssSelector("[data-testid=webhook-health]")).getText())
          .contains("Events received");
      browser.findElement(By.cssSelector("[data-testid=delivery-list] tbody tr a")).click();
      assertThat(browser.findElements(By.cssSelector("[data-testid=redeliver]")))
          .as("support users change nothing")
          .isEmpty();
      assertAccessibleAtEveryWidth("a delivery");
    } finally {
      receiver.stop(0);
    }
  }

  private static void awaitNotifications(JsonHttp partner, String status, int count)
      throws InterruptedException {
    for (int i = 0; i < 60; i++) {
      if (partner.get("/api/v1/notifications?status=" + status).json().getInt("total") >= count) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no " + status + " notification: " + partner.get("/api/v1/notifications"));
  }

  /** Clicks a form's submit button and waits until the page it posted from has gone. */
  private void submitWith(String css) {
    var page = browser.findElement(By.tagName("html"));
    browser.findElement(By.cssSelector(css)).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
  }

  /** Waits for the page a form POST leads to: the element's text once it shows {@code text}. */
  private void awaitText(String css, String text) {
    // the old page may still be there when the wait starts, and go while it reads an element
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private WebDriver browserOnDashboard() {
    browser.get(base.toString().replaceAll("/$", "") + "/console");
    return browser;
  }

  @Test
  void aMerchantAdminAnswersADisputeWithTheEvidencePackAndSupportOnlyReads() throws Exception {
    String tag = "dsp" + UUID.randomUUID().toString().substring(0, 8);
    merchantWithUsers(tag);
    JsonHttp partner = new JsonHttp(base, "Bearer " + lastApiKey);
    JsonHttp admin =
        new JsonHttp(
            base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
    JsonHttp.Answer registered = admin.post("/api/v1/admin/webhooks/klarna/registration", "");
    assertThat(registered.status()).as(registered.toString()).isIn(201, 200);
    partner.post(
        "/api/v1/stores",
        "{\"type\":\"WEBSITE\",\"store_reference\":\"web\",\"name\":\"W\",\"url\":\"https://m.example\"}");
    // approved at once (an amount ending in 02), then captured: a sale the shopper can dispute
    JsonObject payment =
        partner
            .post(
                "/api/v1/payments",
                "{\"amount\":8002,\"currency\":\"USD\",\"reference\":\"dispute-"
                    + tag
                    + "\",\"store_reference\":\"web\",\"return_url\":\"https://m.example/r\"}")
            .json();
    String id = payment.getString("id");
    assertThat(partner.post("/api/v1/payments/" + id + "/captures", "{}").status()).isEqualTo(201);
    String transaction =
        partner
            .get("/api/v1/payments/" + id)
            .json()
            .getJsonObject("klarna")
            .getString("payment_transaction_id");
    JsonHttp.Answer opened =
        new JsonHttp(base, "Basic it-sandbox-key")
            .post(
                "/klarna-sandbox/sandbox/disputes",
                "{\"payment_transaction_id\":\""
                    + transaction
                    + "\",\"reason\":\"PRODUCTS_OR_SERVICES_NOT_RECEIVED\"}");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String disputeId = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (disputeId == null && System.nanoTime() < deadline) {
      var items = partner.get("/api/v1/payments/" + id + "/disputes").json().getJsonArray("items");
      disputeId = items.isEmpty() ? null : items.getJsonObject(0).getString("id");
      Thread.sleep(200);
    }
    assertThat(disputeId).as("the gateway learned the dispute").isNotNull();

    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD).expectDashboard();
    assertThat(browser.findElement(By.cssSelector("[data-testid=open-disputes]")).getText())
        .contains("1 open");
    browser.findElement(By.cssSelector("[data-testid=nav-disputes]")).click();
    var row =
        browser.findElement(By.cssSelector("[data-testid=dispute-row][data-id=" + disputeId + "]"));
    assertThat(row.getText()).contains("Goods or services not received", "$80.02", "d ", "left");
    row.findElement(By.cssSelector("[data-testid=dispute-link]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=payment-link]")).getText())
        .isEqualTo(id);
    browser.findElement(By.cssSelector("[data-testid=answer]")).click();
    assertThat(browser.findElement(By.cssSelector("[data-testid=confirm-answer]")).getText())
        .as("the confirmation says what it does")
        .contains("evidence pack", "sent once");
    browser.findElement(By.id("answer-info")).sendKeys("Delivered to the address given");
    browser.findElement(By.cssSelector("[data-testid=answer-confirmed]")).click();
    awaitText("[data-testid=done]", "The evidence was sent to Klarna.");
    assertThat(browser.findElement(By.cssSelector("[data-field=state]")).getAttribute("data-value"))
        .isEqualTo("REPRESENTMENT");
    assertThat(browser.findElement(By.cssSelector("[data-testid=attachments]")).getText())
        .contains("evidence-pack-" + disputeId + ".pdf", "The evidence");
    assertThat(browser.findElements(By.cssSelector("[data-testid=answer]"))).isEmpty();
    assertThat(partner.get("/api/v1/disputes/" + disputeId).json().getString("state"))
        .isEqualTo("REPRESENTMENT");
    // the dispute's timeline: opened at Klarna, then the answer, by whom
    assertThat(
            browser.findElements(By.cssSelector("[data-testid=dispute-event]")).stream()
                .map(e -> e.getAttribute("data-kind"))
                .toList())
        .containsSubsequence("opened", "evidence_sent");
    assertThat(browser.findElement(By.cssSelector("[data-testid=dispute-timeline]")).getText())
        .contains("Opened at Klarna: Evidence requested", "Evidence sent to Klarna")
        .contains(lastMerchantAdmin + " in the console");

    // what the dispute holds is money finance sees: on the payment, and in the movements export
    // beside the capture
    browser.get(root() + "/console/payments/" + id);
    assertThat(browser.findElement(By.cssSelector("[data-amount=disputed]")).getText())
        .isEqualTo("$80.02");
    assertThat(withSession("/console/payments-data/movements.csv?q=dispute-" + tag))
        .contains(",capture,8002,80.02,80.02,USD,")
        .contains(",dispute_hold,8002,80.02,-80.02,USD," + disputeId + "," + id + ",");

    // support reads the dispute and has no actions
    new DashboardPage(browserOnDashboard()).logOut();
    openLogin().logIn(lastSupport, USER_PASSWORD).expectDashboard();
    browser.get(root() + "/console/disputes/" + disputeId);
    assertThat(browser.findElement(By.cssSelector("[data-testid=reason]")).getText())
        .isEqualTo("Goods or services not received");
    assertAccessibleAtEveryWidth("a dispute");
    for (String button : List.of("answer", "appeal", "accept", "upload-form")) {
      assertThat(browser.findElements(By.cssSelector("[data-testid=" + button + "]"))).isEmpty();
    }
    browser.get(root() + "/console/disputes/" + disputeId + "/accept");
    assertThat(browser.getPageSource()).contains("403");
  }

  @Test
  void aRequiredSecondFactorIsEnrolledByQrCodeAndThenAsked() {
    String merchantId = merchantWithUsers("otp" + UUID.randomUUID().toString().substring(0, 6));
    JsonHttp admin =
        new JsonHttp(
            base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
    JsonHttp.Answer required =
        admin.send(
            "PUT",
            "/api/v1/admin/two-factor/merchants/" + merchantId,
            "{\"required\":true}",
            Map.of());
    assertThat(required.status()).as(required.toString()).isEqualTo(200);

    // the first login after the requirement: enrolment before anything else
    openLogin().logIn(lastMerchantAdmin, USER_PASSWORD);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/login/enrol"));
    assertThat(browser.getCurrentUrl()).endsWith("/login/enrol");
    assertThat(browser.findElement(By.cssSelector("[data-testid=enrol-qr] svg")).isDisplayed())
        .isTrue();
    String secret = browser.findElement(By.cssSelector("[data-testid=totp-secret]")).getText();
    browser.get(root() + "/console");
    assertThat(browser.getCurrentUrl()).as("not logged in yet").endsWith("/login");
    browser.get(root() + "/login/enrol");
    assertThat(browser.findElement(By.cssSelector("[data-testid=totp-secret]")).getText())
        .as("the same secret until it is confirmed")
        .isEqualTo(secret);
    long step = TestTotp.step();
    browser.findElement(By.id("code")).sendKeys(TestTotp.code(secret, step + 5));
    submitWith("#enrol-submit");
    assertThat(browser.findElement(By.cssSelector("[data-testid=enrol-error]")).getText())
        .contains("not right");
    assertAccessibleAtEveryWidth("the second factor's enrolment, a code refused");
    browser.findElement(By.id("code")).sendKeys(TestTotp.code(secret, step));
    submitWith("#enrol-submit");
    assertThat(browser.findElements(By.cssSelector("[data-testid=recovery-codes] li"))).hasSize(10);
    browser.findElement(By.id("enrol-continue")).click();
    DashboardPage dashboard = new DashboardPage(browser);
    assertThat(dashboard.currentUser()).isEqualTo(lastMerchantAdmin);

    // log out, log in: the password, then a code
    dashboard.logOut().logIn(lastMerchantAdmin, USER_PASSWORD);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/login/code"));
    assertThat(browser.getCurrentUrl()).endsWith("/login/code");
    browser.get(root() + "/console");
    assertThat(browser.getCurrentUrl()).as("the password alone").endsWith("/login");
    browser.get(root() + "/login/code");
    String next = TestTotp.code(secret, step + 1);
    browser.findElement(By.id("code")).sendKeys(next);
    submitWith("#code-submit");
    dashboard = new DashboardPage(browser);
    assertThat(dashboard.currentUser()).isEqualTo(lastMerchantAdmin);

    // the same code a second time is refused
    dashboard.logOut().logIn(lastMerchantAdmin, USER_PASSWORD);
    browser.findElement(By.id("code")).sendKeys(next);
    submitWith("#code-submit");
    assertThat(browser.findElement(By.cssSelector("[data-testid=code-error]")).getText())
        .contains("used already");
    assertAccessibleAtEveryWidth("the login's code, a code refused");
  }

  /**
   * Null when the page fits the window's width; else how far it scrolls sideways and the outermost
   * elements that run off the side (outside the boxes that scroll on their own), to know what to
   * fix.
   */
  private String runsOffTheSide() {
    var js = (JavascriptExecutor) browser;
    Number wider =
        (Number)
            js.executeScript(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;");
    if (wider.intValue() <= 0) {
      return null;
    }
    Object offenders =
        js.executeScript(
            "var w = document.documentElement.clientWidth + 1, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  var p = e.parentElement;"
                + "  if (e.getBoundingClientRect().right > w"
                + "      && p && p.getBoundingClientRect().right <= w"
                + "      && !p.closest('.table-wrap, pre')"
                + "      && out.length < 5) {"
                + "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + "      + (e.className && e.className.baseVal === undefined"
                + "         ? '.' + e.className.split(' ').join('.') : '')"
                + "      + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');"
                + "  }"
                + "});"
                + "return out.join(', ');");
    return "horizontal scroll at "
        + browser.manage().window().getSize().getWidth()
        + " px: "
        + wider
        + " px, by "
        + offenders;
  }

  /**
   * axe-core finds nothing on the page as it is, on a desktop and on a phone, and nothing runs off
   * the phone's side.
   */
  private void assertAccessibleAtEveryWidth(String what) {
    assertThat(Accessibility.violations(browser)).as("axe: " + what).isEmpty();
    var size = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      assertThat(Accessibility.violations(browser)).as("axe at 390 px: " + what).isEmpty();
      String sideways = runsOffTheSide();
      if (sideways != null) {
        throw new AssertionError(sideways + ": " + what);
      }
    } finally {
      browser.manage().window().setSize(size);
    }
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
      ((JavascriptExecutor) browser)
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
