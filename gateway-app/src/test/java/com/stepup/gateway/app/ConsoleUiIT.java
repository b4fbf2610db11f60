package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.app.ConsoleFixtures.Merchant;
import com.stepup.gateway.app.ConsoleFixtures.Sale;
import com.stepup.gateway.app.ConsoleFixtures.Store;
import com.stepup.gateway.app.ConsoleFixtures.User;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against the real WAR. Page objects (LoginPage,
 * PaymentPage, MerchantPage...) own the locators; ConsoleFixtures makes what a test needs through
 * the APIs and hands it back as records, so each test stands alone.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleUiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  static WebDriver browser;

  private ConsoleBrowser console;
  private ConsoleFixtures fixtures;

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
    console = new ConsoleBrowser(browser, base);
    fixtures = new ConsoleFixtures(base);
  }

  private static String newTag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  // ---------------------------------------------------------------- logging in

  @Test
  void anAdminLogsInSeesTheDashboardAndLogsOut() throws Exception {
    DashboardPage dashboard = console.openLogin().logInAs(User.platformAdmin());
    assertThat(dashboard.currentUser()).isEqualTo(GatewayDeployment.ADMIN_USER);
    assertThat(dashboard.currentRole()).isEqualTo("Platform admin");
    assertThat(dashboard.welcome()).contains("Welcome, admin");
    assertThat(console.navCurrent("nav-dashboard"))
        .as("the current page is marked in the nav")
        .isEqualTo("page");

    console.atSize(ConsoleBrowser.PHONE, this::everyPartOfTheNavigationIsReachableOnAPhone);

    LoginPage login = dashboard.logOut();
    assertThat(login.info()).contains("logged out");
    console.open("/console");
    assertThat(console.currentUrl()).as("the session is gone").endsWith("/login");
  }

  private void everyPartOfTheNavigationIsReachableOnAPhone() throws Exception {
    for (String item : List.of("nav-payments", "nav-deliveries", "nav-audit", "logout")) {
      var el = console.find("[data-testid=" + item + "]");
      assertThat(el.isDisplayed()).as(item).isTrue();
      var r = el.getRect();
      assertThat(r.getX() + r.getWidth()).as(item + " within 390 px").isLessThanOrEqualTo(390);
    }
    Long scroll = (Long) console.script("return document.documentElement.scrollWidth");
    assertThat(scroll).as("nothing runs off the side").isLessThanOrEqualTo(390L);
    console.screenshot("phone-dashboard");
    console.nav("nav-deliveries");
    assertThat(console.navCurrent("nav-deliveries")).isEqualTo("page");
    console.open("/console");
  }

  @Test
  void aPageOnAnotherSiteCannotActWithTheAdminsSession() throws Exception {
    console.openLogin().logInAs(User.platformAdmin());
    String gateway = console.root();
    String user = "csrf-" + newTag();
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
    HttpServer site = siteServing(page);
    try {
      browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().startsWith(gateway));
      assertThat(console.pageSource()).doesNotContain("\"username\":\"" + user);
    } finally {
      site.stop(0);
    }
    JsonHttp asNewUser = new JsonHttp(base, JsonHttp.basic(user, "Csrf-password-123"));
    assertThat(asNewUser.get("/api/v1/admin/merchants").status())
        .as("no platform admin was made")
        .isEqualTo(401);
    console.open("/console");
    assertThat(console.currentUrl()).as("the admin is still logged in").endsWith("/console");
  }

  /** Another site on loopback, serving {@code html} at every path. */
  private static HttpServer siteServing(String html) throws Exception {
    var site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext(
        "/",
        exchange -> {
          byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    site.start();
    return site;
  }

  @Test
  void aWrongPasswordIsRefusedWithAMessage() {
    LoginPage login = console.openLogin().logIn(GatewayDeployment.ADMIN_USER, "not-the-password");
    assertThat(login.error()).isEqualTo("The username or password is not correct.");
    assertThat(login.username()).as("the username is kept").isEqualTo("admin");
  }

  @Test
  void badInputGetsAClearMessageAndNoStackTrace() {
    assertThat(console.openLogin().logIn("", "").error())
        .isEqualTo("Enter your username and password.");

    LoginPage longInput = console.openLogin();
    longInput.forceValue("username", "u".repeat(5000));
    longInput.logIn(null, "x");
    assertThat(longInput.error()).isEqualTo("That username or password is too long.");

    LoginPage script = console.openLogin().logIn("<script>document.title='owned'</script>", "x");
    assertThat(script.error()).isEqualTo("The username or password is not correct.");
    assertThat(console.title()).isEqualTo("Log in");
    assertThat(console.pageSource()).doesNotContain("<script>document.title");
    assertThat(console.pageSource()).doesNotContain("Exception");
  }

  // ---------------------------------------------------------------- stores and terminals

  @Test
  void aMerchantAdminOnboardsAStoreAndATerminal() {
    Merchant merchant = fixtures.merchantWithUsers("ma-" + newTag());
    assertThat(merchant.id()).startsWith("mer_");
    console.openLogin().logInAs(merchant.admin());
    console.nav("nav-stores");
    console.click("[data-testid=new-store]");

    StorePage store = onboardMainStreetAfterAFormWithMistakes();
    addTillOneWithADisplayAndRefuseItTwice(store);
    deactivateTillOneAfterConfirming();
    renameTheStoreAfterAMistake(store);
  }

  private StorePage onboardMainStreetAfterAFormWithMistakes() {
    StoreForm form = new StoreForm(console);
    form.fill("store_reference", "main-st");
    form.fill("name", "Main St");
    form.fill("city", "Columbus");
    form.fill("country", "XX");
    form.submit();
    assertThat(form.errorFor("street_address")).isEqualTo("is required");
    assertThat(form.errorFor("country")).contains("ISO 3166-1");
    assertThat(form.summary())
        .as("the summary names each field as the form labels it")
        .contains("Street address: is required")
        .doesNotContain("street_address");
    assertThat(form.shows("url")).as("a physical store's form shows no website fields").isFalse();
    assertThat(form.value("store_reference")).as("what was typed is kept").isEqualTo("main-st");

    form.fill("street_address", "800 N. High St");
    form.fill("postal_code", "43215");
    form.fill("country", "US");
    form.submit();
    StorePage store = new StorePage(console);
    assertThat(store.onboardingStatus()).isEqualTo("Onboarded");
    assertThat(store.klarnaStoreId()).startsWith("krn:partner:global:account:store:");
    return store;
  }

  private void addTillOneWithADisplayAndRefuseItTwice(StorePage store) {
    store.addTerminal("till-1", "Till 1", true);
    awaitText(StorePage.terminalRow("till-1"), "Till 1");
    assertThat(store.terminal("till-1")).contains("Yes");

    store.addTerminal("till-1", null, true);
    String terminalForm = store.addTerminalForm();
    assertThat(terminalForm).contains("till-1", "is taken", "main-st");
    assertThat(terminalForm.split("is taken", -1)).as("the error is said once").hasSize(2);
    assertThat(store.hasDisplayTicked()).as("the box ticked comes back ticked").isTrue();
  }

  private void deactivateTillOneAfterConfirming() {
    browser.get(console.currentUrl().replaceAll("/terminals$", ""));
    StorePage store = new StorePage(console);
    store.toggleActive("till-1");
    assertThat(console.confirmQuestion()).contains("Deactivate terminal till-1");
    console.confirmYes();
    // the row now offers "Activate": the page came back with the terminal inactive
    awaitText(StorePage.terminalRow("till-1"), "Activate");
    assertThat(console.done()).contains("Terminal deactivated");
  }

  private void renameTheStoreAfterAMistake(StorePage store) {
    StoreForm edit = store.edit();
    assertThat(edit.readonly("store_reference")).isNotNull();
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
    Merchant merchant = fixtures.merchantWithUsers("sup-" + newTag());
    assertThat(fixtures.websiteStore(merchant, "web-shop", null, "https://shop.example").status())
        .isEqualTo(201);
    String tag = merchant.support().username().substring(0, 12);
    for (int i = 0; i < 21; i++) {
      assertThat(
              fixtures
                  .websiteStore(merchant, tag + "-" + i, null, "https://shop.example/" + i)
                  .status())
          .isEqualTo(201);
    }
    console.openLogin().logInAs(merchant.support());
    StoresPage stores = StoresPage.search(console, tag);
    assertThat(stores.rows()).hasSize(20);
    stores.nextPage();
    awaitText("nav.pager span", "Page 2 of 2");
    assertThat(stores.rows()).as("the 21st on page 2").hasSize(1);

    stores = StoresPage.search(console, "web-shop");
    assertThat(stores.list()).contains("web-shop");
    assertThat(stores.newStoreButtonsNow()).isEmpty();
    assertThat(stores.openStore("web-shop").addTerminalFormsNow()).isEmpty();
    console.open("/console/stores/new");
    assertThat(console.pageSource()).contains("403").doesNotContain("Exception");
  }

  // ---------------------------------------------------------------- merchants, keys and users

  /** A merchant made in the console: its page and the API key shown once on it. */
  record ConsoleMerchant(String url, String apiKey) {

    String keyPrefix() {
      return apiKey.substring(0, 11);
    }
  }

  @Test
  @OnEveryDatabase
  void aPlatformAdminCreatesAMerchantWithKeysAndUsers() {
    String tag = newTag();
    console.openLogin().logInAs(User.platformAdmin());
    ConsoleMerchant merchant = createAMerchantAfterAFormWithMistakes(tag);
    rotateTheWebhookSecretAfterConfirming(merchant, tag);
    revokeTheKeyOnlyOnYes(merchant);
    issueATillKeyWithFewerScopesAndSetARateLimit();
    User owner = addAMerchantAdminAfterAFormWithMistakes(tag);

    console.logOut();
    console.openLogin().logInAs(owner);
    theMerchantAdminManagesItsKeysPeopleAndSettings(merchant, tag);

    console.logOut();
    console.openLogin().logInAs(User.platformAdmin());
    console.nav("nav-users");
    UsersPage users = new UsersPage(console);
    users.users().add(tag + "-desk", ConsoleFixtures.USER_PASSWORD, null);
    assertThat(users.users().row(tag + "-desk")).contains("Support", "Enabled");
    issueAndRevokeAnAdminToken(users, "nightly " + tag);

    disableTheOwnerAfterConfirming(merchant, owner);
    console.logOut();
    console.openLogin().logIn(owner);
    assertThat(console.allNow("[data-testid=dashboard]"))
        .as("a disabled user cannot sign in")
        .isEmpty();
  }

  private ConsoleMerchant createAMerchantAfterAFormWithMistakes(String tag) {
    console.nav("nav-merchants");
    MerchantsPage merchants = new MerchantsPage(console);
    merchants.typeName("Console Shop " + tag);
    merchants.typeNotificationUrl("ftp://nope");
    merchants.create();
    assertThat(merchants.errorFor("klarna_partner_account_id")).isEqualTo("is required");
    assertThat(merchants.errorFor("notification_url")).contains("http");
    assertThat(merchants.name()).isEqualTo("Console Shop " + tag);

    merchants.typePartnerAccount("krn:partner:global:account:test:" + tag);
    merchants.clearNotificationUrl();
    merchants.create();
    MerchantPage page = new MerchantPage(console);
    String key = page.newApiKey();
    assertThat(key).startsWith("sk_");
    assertThat(page.webhookSecret()).startsWith("whsec_");
    String merchantUrl = console.currentUrl().replaceFirst("\\?.*$", "");
    assertThat(console.currentUrl()).as("POST, then redirect, then GET").contains("?done=");
    browser.navigate().refresh();
    assertThat(page.newApiKeysNow())
        .as("a refresh neither shows the key again nor issues another")
        .isEmpty();
    return new ConsoleMerchant(merchantUrl, key);
  }

  /** What cannot be undone is confirmed first, then said to be done. */
  private void rotateTheWebhookSecretAfterConfirming(ConsoleMerchant merchant, String tag) {
    MerchantPage page = new MerchantPage(console);
    page.rotateSecret();
    assertThat(console.confirmQuestion())
        .contains("Rotate the webhook secret of Console Shop " + tag);
    console.confirmYes();
    awaitText("[data-testid=rotated-secret]", "whsec_");
    assertThat(console.done()).contains("rotated");
    browser.get(merchant.url());
    assertThat(page.newApiKeysNow()).as("the key is shown once").isEmpty();
    assertThat(page.keyList()).contains(merchant.keyPrefix()).doesNotContain(merchant.apiKey());
  }

  private void revokeTheKeyOnlyOnYes(ConsoleMerchant merchant) {
    MerchantPage page = new MerchantPage(console);
    JsonHttp partner = new JsonHttp(base, "Bearer " + merchant.apiKey());
    assertThat(partner.get("/api/v1/stores").status()).isEqualTo(200);
    page.revokeKey(merchant.keyPrefix());
    assertThat(console.confirmQuestion())
        .as("a revoke asks first, naming the key")
        .contains("Revoke API key " + merchant.keyPrefix());
    console.confirmNo();
    assertThat(partner.get("/api/v1/stores").status()).as("not revoked on No").isEqualTo(200);
    page.revokeKey(merchant.keyPrefix());
    console.confirmYes();
    awaitText(MerchantPage.keyRow(merchant.keyPrefix()), "Revoked");
    assertThat(console.done()).contains("API key revoked");
    assertThat(partner.get("/api/v1/stores").status()).as("revoked in the console").isEqualTo(401);
  }

  /** A till's key: what it may do chosen by check box; then the merchant's rate limit. */
  private void issueATillKeyWithFewerScopesAndSetARateLimit() {
    MerchantPage page = new MerchantPage(console);
    for (String scope : List.of("captures", "refunds", "disputes", "stores", "webhooks")) {
      page.toggleScope(scope);
    }
    page.issueKey("Till");
    String till = page.newApiKey();
    JsonHttp tillApi = new JsonHttp(base, "Bearer " + till);
    assertThat(tillApi.get("/api/v1/payments").status()).isEqualTo(200);
    assertThat(tillApi.get("/api/v1/stores").status()).as("no stores scope").isEqualTo(403);
    assertThat(page.keyScopes(till.substring(0, 11))).isEqualTo("payments:write payments:read");
    page.setRateLimit("2");
    awaitText("[data-testid=done]", "Rate limit set");
    assertThat(tillApi.get("/api/v1/payments").header("RateLimit-Limit")).isEqualTo("2");
  }

  /** The add-user form keeps what was chosen after an error: a Support user stays Support. */
  private User addAMerchantAdminAfterAFormWithMistakes(String tag) {
    UserForm users = new MerchantPage(console).users();
    users.add(tag + "-helper", "short", "SUPPORT");
    assertThat(users.errorFor("password")).contains("12");
    assertThat(users.role()).isEqualTo("SUPPORT");
    assertThat(users.username()).isEqualTo(tag + "-helper");
    User owner = new User(tag + "-owner", ConsoleFixtures.USER_PASSWORD);
    users.add(owner.username(), owner.password(), "MERCHANT_ADMIN");
    assertThat(users.list()).contains(owner.username(), "Merchant admin", "Enabled");
    return owner;
  }

  private void theMerchantAdminManagesItsKeysPeopleAndSettings(
      ConsoleMerchant merchant, String tag) {
    assertThat(console.allNow("[data-testid=nav-merchants]"))
        .as("a merchant admin does not manage merchants")
        .isEmpty();
    // but sets its own merchant's notification URL and time zone, and sees its keys' prefixes
    console.nav("nav-settings");
    assertThat(console.navCurrent("nav-settings")).isEqualTo("page");
    MerchantPage settings = new MerchantPage(console);
    assertThat(settings.keyList()).contains(merchant.keyPrefix());
    // and manages its own keys and people (issue 29): a new key shown once, a support colleague
    settings.issueKey("till software");
    assertThat(settings.newApiKey()).startsWith("sk_");
    settings.users().add(tag + "-helpdesk", ConsoleFixtures.USER_PASSWORD, "SUPPORT");
    assertThat(settings.users().row(tag + "-helpdesk")).contains("Support", "Enabled");
    assertThat(settings.keyList()).contains("till software");
    settings.saveZone("Mars/Olympus");
    awaitText("[data-testid=settings-form]", "must be a time zone");
    settings.saveZone("Europe/Stockholm");
    awaitText("[data-testid=done]", "Settings saved");
    assertThat(console.openDashboard().zone()).contains("Europe/Stockholm");
    console.open("/console/merchants/mer_somebody_else");
    assertThat(console.pageSource()).contains("404");
    console.open("/console/merchants");
    assertThat(console.pageSource()).contains("403");
  }

  /** An admin API token from the console: shown once, working, audited, revoked here too. */
  private void issueAndRevokeAnAdminToken(UsersPage users, String label) {
    users.issueToken(label);
    String token = users.newToken();
    assertThat(token).startsWith("adm_");
    assertThat(console.done()).contains("shown only this once");
    browser.navigate().refresh();
    assertThat(users.newTokensNow())
        .as("a refresh neither shows the token again nor issues another")
        .isEmpty();
    JsonHttp admin = new JsonHttp(base, "Bearer " + token);
    assertThat(admin.get("/api/v1/admin/tokens").status()).isEqualTo(200);
    assertThat(users.tokenRow(label).getText()).contains(token.substring(0, 12), "Active");
    console.open("/console/audit");
    assertThat(console.text("main"))
        .contains("Created an admin API token", token.substring(0, 12))
        .doesNotContain(token);
    console.open("/console/users");
    users.revokeToken(label);
    awaitText("[data-testid=done]", "Token revoked");
    assertThat(admin.get("/api/v1/admin/tokens").status()).isEqualTo(401);
  }

  private void disableTheOwnerAfterConfirming(ConsoleMerchant merchant, User owner) {
    browser.get(merchant.url());
    UserForm users = new MerchantPage(console).users();
    users.toggleEnabled(owner.username());
    assertThat(console.confirmQuestion()).contains("Disable the user " + owner.username());
    console.confirmYes();
    assertThat(users.row(owner.username())).contains("Disabled");
    assertThat(console.done()).contains("User disabled");
  }

  // ---------------------------------------------------------------- payments

  /** The console's tab and the customer display's tab, by window handle. */
  record Tabs(String console, String display) {}

  @Test
  @OnEveryDatabase
  void paymentsAreFoundFollowedLiveExportedAndShownOnTheCustomerDisplay() throws Exception {
    String tag = newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    Store store = fixtures.physicalStoreWithTill(merchant, "Main St");

    console.openLogin().logInAs(merchant.admin());
    String displayUrl = giveTillOnesScreenItsLink(store);
    Tabs tabs = openTheDisplayInATabletTab(displayUrl);

    Sale sale = anOpenListOffersAPaymentCreatedAfterItWasDrawn(tabs, merchant, tag);
    theTerminalsViewSaysWhatIsOnTillOne(sale);
    theDisplayShowsTheQrCodeAndTheAmount(tabs);
    String row = theListShowsItPendingInYen(tabs, sale);
    theShopperApprovesAndTheDisplayWeathersANetworkDrop(tabs, sale);
    browser.switchTo().window(tabs.console());
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.cssSelector(row), "Authorized"));
    assertThat(console.currentUrl())
        .as("no reload")
        .endsWith("/console/payments?q=" + sale.reference());
    pairingAnotherScreenDisconnectsThisOne(tabs, store, displayUrl);
    PaymentsPage.open(console, "q=" + sale.reference());

    theDetailShowsTheTimeline(sale);
    theSaleIsFoundByWhatPeopleType(sale, tag);
    theCsvOfAFilterHasTheAuthorizedNotTheDeclined(merchant, sale, tag);
    theSameAmountTwiceOnATillIsFlagged(merchant, sale, tag);
    aFailingFinalAuthorizationIsRetriedAtOnce(merchant, tag);
    anOpenPaymentPageFollowsTheApproval(merchant, tag);
    String canceled = theMerchantAdminCancelsAPendingSale(merchant, tag);
    anotherMerchantsPaymentIsNotThere(tag);

    console.logOut();
    console.openLogin().logInAs(merchant.support());
    supportFindsAPaymentButCannotCancel(merchant, sale, tag);

    console.logOut();
    console.openLogin().logInAs(User.platformAdmin());
    thePlatformAdminSeesTheWeek();
    thePlatformAdminSeesWhoCanceledInTheAudit(merchant, canceled, tag);
  }

  /** The merchant admin gives till 1's screen its link. */
  private String giveTillOnesScreenItsLink(Store store) {
    StorePage page = StorePage.open(console, store.id());
    page.displayLink("till-1");
    String displayUrl = page.displayUrl();
    assertThat(displayUrl)
        .as("the whole link, to scan or copy")
        .matches("https?://.+/display/[A-Za-z0-9_-]{20,}");
    assertThat(page.displayUrlQrViewBox()).startsWith("0 0 ");
    return displayUrl;
  }

  private Tabs openTheDisplayInATabletTab(String displayUrl) {
    String consoleTab = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    String displayTab = browser.getWindowHandle();
    browser.manage().window().setSize(new Dimension(1024, 768)); // a tablet
    browser.get(displayUrl);
    DisplayPage display = new DisplayPage(console);
    display.awaitIdle();
    assertThat(display.store()).isEqualTo("Main St");
    return new Tabs(consoleTab, displayTab);
  }

  /** Yen have no minor units: 5000 is ¥5,000, to the shopper as to the console. */
  private Sale anOpenListOffersAPaymentCreatedAfterItWasDrawn(
      Tabs tabs, Merchant merchant, String tag) throws Exception {
    browser.switchTo().window(tabs.console());
    PaymentsPage list = PaymentsPage.open(console, "");
    Thread.sleep(1500); // the page's event stream connects

    Sale sale = fixtures.inStoreSaleAwaitingTheShopper(merchant, "live-" + tag, 5000, "JPY");
    assertThat(list.awaitNewPayments()).contains("1 new payment");
    list.showNewPayments();
    awaitText("[data-testid=payment-list]", sale.reference());
    return sale;
  }

  /** The terminals view says what is on till 1 now, and that its display asks. */
  private void theTerminalsViewSaysWhatIsOnTillOne(Sale sale) throws Exception {
    console.nav("nav-terminals");
    TerminalsPage terminals = new TerminalsPage(console);
    assertThat(terminals.current("till-1")).contains(sale.reference());
    assertThat(terminals.status("till-1")).isEqualTo("Pending");
    assertThat(terminals.display("till-1")).contains("Connected", "last contact");
    console.screenshot("terminals");
  }

  private void theDisplayShowsTheQrCodeAndTheAmount(Tabs tabs) throws Exception {
    browser.switchTo().window(tabs.display());
    DisplayPage display = new DisplayPage(console);
    display.awaitQr();
    assertThat(display.qrTimeout()).contains("times out in");
    assertThat(display.qrImage()).contains("/qr.svg");
    display.awaitQrDrawn();
    assertThat(display.qrAmount()).isEqualTo("¥5,000");
    console.screenshot("display-qr");
    browser.manage().window().setSize(new Dimension(1600, 900)); // a monitor
    console.screenshot("display-qr-desktop");
    browser.manage().window().setSize(new Dimension(1024, 768));
  }

  /** The sale's row in the list searched for it: pending, in yen; its status as CSS. */
  private String theListShowsItPendingInYen(Tabs tabs, Sale sale) {
    browser.switchTo().window(tabs.console());
    PaymentsPage list = PaymentsPage.open(console, "q=" + sale.reference());
    assertThat(list.statusOf(sale.id())).isEqualTo("Pending");
    assertThat(list.amountOf(sale.id())).isEqualTo("¥5,000");
    return PaymentsPage.status(sale.id());
  }

  private void theShopperApprovesAndTheDisplayWeathersANetworkDrop(Tabs tabs, Sale sale)
      throws Exception {
    ItGateway.sandboxAction(base, sale.paymentRequestId(), "open");
    browser.switchTo().window(tabs.display());
    DisplayPage display = new DisplayPage(console);
    display.awaitWaiting();
    ItGateway.sandboxAction(base, sale.paymentRequestId(), "complete");
    display.awaitResult();
    assertThat(display.resultText()).startsWith("Approved");
    assertThat(display.resultIcon()).as("not colour alone").isEqualTo("\u2713");
    console.screenshot("display-approved");
    assertThat(console.pageSource())
        .as("no emoji that needs an emoji font")
        .doesNotContain("\u23F1", "\u26A0", "\u231B");
    // the network drops: after 5 s the approval gives way to "Reconnecting…", and comes back
    display.goOffline();
    display.awaitOffline();
    assertThat(display.offlineText()).isEqualTo("Reconnecting\u2026");
    assertThat(display.showsResult()).as("no stale outcome").isFalse();
    assertThat(display.offlineAsk()).contains("ask the cashier");
    display.goOnline();
    display.awaitBackOnline();
  }

  /** Pairing another screen disconnects this one, after a confirmation, and it says so. */
  private void pairingAnotherScreenDisconnectsThisOne(Tabs tabs, Store store, String displayUrl)
      throws Exception {
    StorePage page = StorePage.open(console, store.id());
    page.displayLink("till-1");
    assertThat(console.confirmQuestion()).contains("till-1");
    console.confirmYes();
    assertThat(page.displayUrl()).isNotEqualTo(displayUrl);
    browser.switchTo().window(tabs.display());
    DisplayPage display = new DisplayPage(console);
    display.awaitDisconnected();
    assertThat(display.disconnected()).contains("This screen was disconnected", "pair it again");
    console.screenshot("display-disconnected");
    browser.navigate().refresh();
    assertThat(display.disconnected())
        .as("reloaded, it says the same, not a console 404")
        .contains("disconnected")
        .doesNotContain("console");
    browser.close();
    browser.switchTo().window(tabs.console());
  }

  /** The detail and its timeline. */
  private void theDetailShowsTheTimeline(Sale sale) throws Exception {
    PaymentPage payment = new PaymentsPage(console).openPayment(sale.reference());
    assertThat(payment.timeline())
        .contains("Klarna final authorize: approved", "Partner created the payment");
    assertThat(payment.transactionId()).startsWith("krn:payment:eu1:transaction:");
    console.screenshot("payment-detail");
  }

  /** Found by a bare Klarna UUID, by a word inside its reference, by its amount as typed. */
  private void theSaleIsFoundByWhatPeopleType(Sale sale, String tag) {
    String pr = sale.paymentRequestId();
    PaymentsPage list = null;
    for (String q : List.of(pr.substring(pr.lastIndexOf(':') + 1), tag, "5,000")) {
      list = PaymentsPage.search(console, q);
      assertThat(list.rows(sale.id())).as("search for " + q).hasSize(1);
    }
    assertThat(list.total()).as("the filter's total").contains("¥5,000");
    list = PaymentsPage.open(console, "q=" + sale.reference() + "&page=999&from=2026-02-31");
    assertThat(list.searchNotes())
        .extracting(WebElement::getText)
        .as("what cannot be read is said, not ignored")
        .anyMatch(n -> n.contains("2026-02-31") && n.contains("not a date"))
        .anyMatch(n -> n.contains("no page 1000") && n.contains("showing page 1 of 1"));
    assertThat(list.rows(sale.id())).hasSize(1);
  }

  /** CSV of a filter: the authorized one, not the declined one. */
  private void theCsvOfAFilterHasTheAuthorizedNotTheDeclined(
      Merchant merchant, Sale sale, String tag) throws Exception {
    String declined = fixtures.inStoreSale(merchant, "dec-" + tag, 4001);
    String csv = withSession("/console/payments-data/export.csv?status=authorized&store=shop-1");
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,created_at,");
    assertThat(csv).contains(sale.id(), sale.reference()).doesNotContain(declined);
    assertThat(csv.lines().count()).isEqualTo(2);
  }

  /**
   * "Charged twice?": the same amount approved twice on till 1 seconds apart is flagged on both.
   */
  private void theSameAmountTwiceOnATillIsFlagged(Merchant merchant, Sale sale, String tag) {
    String first = fixtures.inStoreSale(merchant, "twice-a-" + tag, 2502);
    String second = fixtures.inStoreSale(merchant, "twice-b-" + tag, 2502);
    assertThat(merchant.partner(base).get("/api/v1/payments/" + second).json().getString("status"))
        .isEqualTo("authorized");
    assertThat(PaymentsPage.open(console, "q=twice-a-" + tag).possibleDuplicate(first))
        .isEqualTo("Possible duplicate");
    assertThat(PaymentPage.open(console, second).possibleDuplicate())
        .contains("Possible duplicate", first);
    assertThat(PaymentPage.open(console, sale.id()).now("possible-duplicate")).isEmpty();
  }

  /** Klarna fails the final authorization three times: the merchant admin retries it at once. */
  private void aFailingFinalAuthorizationIsRetriedAtOnce(Merchant merchant, String tag) {
    String retried = fixtures.inStoreSale(merchant, "retry-" + tag, 3300);
    String retriedPr = fixtures.paymentRequestOf(merchant, retried);
    for (int i = 0; i < 3; i++) {
      ItGateway.sandbox(base).sandboxFault("final_authorize", "HTTP_500", 0);
    }
    ItGateway.sandboxAction(base, retriedPr, "complete");
    ItGateway.awaitSummary(merchant.partner(base), retried, "Klarna final authorize failed");
    PaymentPage payment = PaymentPage.open(console, retried);
    assertThat(payment.finalizingFailure())
        .as("a failing final authorization is shown, not only a row of the timeline")
        .contains("Klarna's authorization is failing", "HTTP 500");
    payment.retry();
    awaitText(PaymentPage.STATUS, "Authorized");
    assertThat(console.done()).contains("retried; the payment is now Authorized");
    assertThat(payment.now("finalizing")).isEmpty();

    assertThat(payment.timeline())
        .contains("Final authorization retried in the console by " + merchant.admin().username());
  }

  /** An open payment page follows the approval: its actions, deadlines and timeline swap live. */
  private void anOpenPaymentPageFollowsTheApproval(Merchant merchant, String tag) {
    String watched = fixtures.inStoreSale(merchant, "watch-" + tag, 3400);
    PaymentPage payment = PaymentPage.open(console, watched);
    assertThat(payment.cancelButtons()).hasSize(1);
    console.script("window.sameDocument = 42;");
    ItGateway.sandboxAction(base, fixtures.paymentRequestOf(merchant, watched), "complete");
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> payment.status().equals("Authorized"));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> payment.now("cancel").isEmpty());
    assertThat(payment.timeline()).contains("Klarna final authorize: approved");
    assertThat(payment.transactionId()).startsWith("krn:payment:eu1:transaction:");
    assertThat(console.pageSource())
        .as("no countdown once authorized")
        .doesNotContain("data-countdown");
    assertThat(console.script("return window.sameDocument;")).as("no reload").isEqualTo(42L);
  }

  /** A pending sale: the merchant admin cancels it, after confirming. Its id. */
  private String theMerchantAdminCancelsAPendingSale(Merchant merchant, String tag) {
    String pending = fixtures.inStoreSale(merchant, "pend-" + tag, 2500);
    PaymentPage.open(console, pending).cancelAfterConfirming();
    awaitText(PaymentPage.STATUS, "Canceled");
    return pending;
  }

  /** Another merchant's payment is not there for this merchant admin. */
  private void anotherMerchantsPaymentIsNotThere(String tag) {
    Merchant other = fixtures.merchantWithUsers(tag + "o");
    fixtures.websiteStore(other, "web", "W", "https://o.example");
    String theirs = fixtures.onlineSale(other, "theirs-" + tag, 1002, "USD", "https://o.example/r");
    console.open("/console/payments/" + theirs);
    assertThat(console.pageSource()).contains("404").doesNotContain("theirs-" + tag);
    assertThat(PaymentsPage.open(console, "q=theirs-" + tag).total()).startsWith("0 ");
  }

  /** A support user finds it by reference and reads the timeline, but cannot cancel anything. */
  private void supportFindsAPaymentButCannotCancel(Merchant merchant, Sale sale, String tag) {
    console.nav("nav-payments");
    PaymentsPage list = new PaymentsPage(console);
    list.searchFor(sale.reference());
    PaymentPage payment = list.openPayment(sale.reference());
    assertThat(payment.timeline()).contains("Klarna final authorize: approved");
    String stillPending = fixtures.inStoreSale(merchant, "sup-" + tag, 2600);
    assertThat(PaymentPage.open(console, stillPending).now("cancel")).isEmpty();
    console.open("/console/payments/" + stillPending + "/cancel");
    assertThat(console.pageSource()).contains("403");
  }

  /** The platform admin's dashboard: this week, in counts and money; a bar opens its list. */
  private void thePlatformAdminSeesTheWeek() throws Exception {
    DashboardPage dashboard = new DashboardPage(console);
    assertThat(dashboard.period())
        .as("this week unless another period is picked")
        .isEqualTo("This week");
    assertThat(dashboard.week()).contains("payments", "Authorized", "Canceled");
    assertThat(dashboard.volume()).as("money as well as counts").contains("Authorized, JPY", "¥");
    dashboard.openWeekBar("canceled");
    assertThat(console.currentUrl())
        .as("a bar opens the list it counts")
        .contains("status=canceled");
    assertThat(new PaymentsPage(console).list()).contains("Canceled");
    browser.navigate().back();
    console.screenshot("dashboard");
  }

  /** The platform admin sees who canceled, and filters the audit to one user's payment actions. */
  private void thePlatformAdminSeesWhoCanceledInTheAudit(
      Merchant merchant, String canceled, String tag) {
    console.nav("nav-audit");
    AuditPage audit = new AuditPage(console);
    String merchantAdmin = merchant.admin().username();
    assertThat(audit.list())
        .as("actions in words, merchants by name")
        .contains("Canceled a payment", canceled, merchantAdmin, "Issued a display link")
        .contains("Shop " + tag)
        .as("the admin API's changes are there too, with who made them")
        .contains("admin-api.post", "users", "merchants");
    // filtered: one user's payment actions
    audit.filter("payment.", merchantAdmin);
    assertThat(audit.actions())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getAttribute("title")).startsWith("payment."));
  }

  // ---------------------------------------------------------------- money

  @Test
  @OnEveryDatabase
  void aMerchantAdminCapturesAndRefundsPartOfAPaymentAndSupportCannot() {
    String tag = "money" + newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    JsonHttp partner = merchant.partner(base);
    fixtures.websiteStore(merchant, "web", "W", "https://m.example");
    // approved at once (an amount ending in 02); online, so it waits to be captured
    String id = fixtures.onlineSale(merchant, "money-" + tag, 12002, "USD", "https://m.example/r");
    DashboardPage dashboard = console.openLogin().logInAs(merchant.admin());
    assertThat(dashboard.uncaptured()).contains("$120.02");
    PaymentPage payment = PaymentPage.open(console, id);
    assertThat(payment.amountOf("capturable")).isEqualTo("$120.02");
    assertThat(payment.moneyStatus()).isEqualTo("Uncaptured");

    // captured elsewhere (the API) while the page is open: the money badge and amounts follow live
    assertThat(partner.post("/api/v1/payments/" + id + "/captures", "{\"amount\":1000}").status())
        .isEqualTo(201);
    awaitText(PaymentPage.MONEY_STATUS, "Partially captured");
    awaitText(PaymentPage.amount("captured"), "$10.00");

    captureFortyAndRefundTwentyDollars(payment, merchant);
    refusalsAreSaidInDollars(partner, id);

    console.logOut();
    console.openLogin().logInAs(merchant.support());
    supportReadsTheMoneyButCannotMoveIt(partner, id);
    supportAsksTheMerchantsAdminsToAct(id);

    console.logOut();
    dashboard = console.openLogin().logInAs(merchant.admin());
    assertThat(dashboard.supportNotes())
        .contains(
            "The shopper was charged twice: please refund one.", id, merchant.support().username());
    dashboard.markNoteDone();
    assertThat(dashboard.supportNotesNow()).isEmpty();
  }

  private void captureFortyAndRefundTwentyDollars(PaymentPage payment, Merchant merchant) {
    payment.capture("40.00");
    assertThat(payment.captureConfirmation())
        .as("the confirmation states the amount")
        .contains("Capture $40.00");
    payment.confirmCapture();
    awaitText(PaymentPage.amount("captured"), "$50.00");
    assertThat(payment.amountOf("capturable")).isEqualTo("$70.02");

    payment.refund("20.00", "damaged box");
    assertThat(payment.refundConfirmation()).contains("Refund $20.00");
    payment.confirmRefund();
    awaitText(PaymentPage.amount("refunded"), "$20.00");
    assertThat(payment.movements())
        .contains("Capture", "$40.00", "Refund", "$20.00", "damaged box", "Done");
    assertThat(payment.timeline())
        .contains(
            "Capture of $40.00 requested by " + merchant.admin().username() + " in the console");
  }

  private void refusalsAreSaidInDollars(JsonHttp partner, String id) {
    // a race: $20.00 is confirmable, then another refund of $20.00 leaves $10.00 before "Yes";
    // the refusal after "Yes" is said in dollars, never in cents
    PaymentPage payment = PaymentPage.openRefund(console, id, "20.00");
    assertThat(partner.post("/api/v1/payments/" + id + "/refunds", "{\"amount\":2000}").status())
        .isEqualTo(201);
    submitWith("[data-testid=refund-confirmed]");
    assertThat(payment.problem())
        .isEqualTo("$20.00 is more than can be refunded ($10.00).")
        .doesNotContain("2000");

    // more than is left, typed by hand: refused before any "Yes", in dollars, at the field
    payment = PaymentPage.openCapture(console, id, "80.00");
    assertThat(payment.now("capture-confirmed")).isEmpty();
    assertThat(payment.captureAmountError())
        .isEqualTo("$80.00 is more than can be captured: $70.02 is left.");
    payment = PaymentPage.openCapture(console, id, "1.234");
    assertThat(payment.captureAmountError()).contains("USD has 2 decimals");
    JsonObject after = partner.get("/api/v1/payments/" + id).json().getJsonObject("amounts");
    assertThat(after.getInt("captured")).isEqualTo(5000);
    assertThat(after.getInt("refunded")).isEqualTo(4000);
  }

  /** Support reads the money, but has no buttons, and the POSTs are refused. */
  private void supportReadsTheMoneyButCannotMoveIt(JsonHttp partner, String id) {
    PaymentPage payment = PaymentPage.open(console, id);
    assertThat(payment.amountOf("captured")).isEqualTo("$50.00");
    for (String button : List.of("capture", "refund", "release")) {
      assertThat(payment.now(button)).isEmpty();
    }
    console.open("/console/payments/" + id + "/capture?amount=1.00");
    assertThat(console.pageSource()).contains("403");
    for (String action : List.of("capture", "refund", "release")) {
      PaymentPage.open(console, id);
      console.script(
          "var f = document.createElement('form'); f.method = 'post';"
              + " f.action = arguments[0];"
              + " document.querySelectorAll('form input[type=hidden]').forEach("
              + "   function (i) { f.appendChild(i.cloneNode()); });"
              + " var a = document.createElement('input'); a.name = 'amount'; a.value = '100';"
              + " f.appendChild(a); document.body.appendChild(f); f.submit();",
          console.root() + "/console/payments/" + id + "/" + action);
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().endsWith("/" + action));
      assertThat(console.pageSource()).as(action).contains("403");
    }
    JsonObject still = partner.get("/api/v1/payments/" + id).json().getJsonObject("amounts");
    assertThat(still.getInt("captured")).isEqualTo(5000);
    assertThat(still.getInt("refunded")).isEqualTo(4000);
  }

  /** Support cannot act, but asks the merchant's admins to; the note is on their dashboard. */
  private void supportAsksTheMerchantsAdminsToAct(String id) {
    PaymentPage payment = PaymentPage.open(console, id);
    payment.sendNote();
    assertThat(payment.noteError()).contains("Write what");
    payment.typeNote("The shopper was charged twice: please refund one.");
    payment.sendNote();
    awaitText("[data-testid=done]", "Note sent");
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
    String tag = "eur" + newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    JsonHttp partner = merchant.partner(base);
    fixtures.websiteStore(merchant, "web", "W", "https://m.example");
    String reference = "komma-" + tag;
    String id = fixtures.onlineSale(merchant, reference, 12002, "EUR", "https://m.example/r");
    assertThat(partner.get("/api/v1/payments/" + id).json().getString("money_status"))
        .isEqualTo("uncaptured");
    console.openLogin().logInAs(merchant.admin());
    PaymentPage payment = PaymentPage.open(console, id);
    assertThat(payment.moneyStatus()).isEqualTo("Uncaptured");
    assertThat(payment.charged()).startsWith("Not yet.");

    aLanguageOfTheirOwnReadsAmountsTheirWay(id);
    PaymentPage.open(console, id);
    console.atSize(ConsoleBrowser.PHONE, () -> thePaymentPagesFitAPhone(id, reference));

    payment.capture("100,00");
    assertThat(payment.captureConfirmation()).contains("€100.00");
    payment.confirmCapture();
    awaitText(PaymentPage.amount("captured"), "€100.00");
    refundFortyEurosAfterTwoAmountsRefusedAtTheField(payment);

    JsonObject money = partner.get("/api/v1/payments/" + id).json();
    assertThat(money.getJsonObject("amounts").getInt("refunded")).isEqualTo(4000);
    assertThat(money.getString("money_status")).isEqualTo("partially_refunded");
    assertThat(
            partner
                .get("/api/v1/payments?money_status=partially_refunded&reference=" + reference)
                .json()
                .getInt("total"))
        .isEqualTo(1);
    assertThat(partner.get("/api/v1/payments?money_status=charged").status()).isEqualTo(400);

    theListHasAMoneyBadgeAFilterAndATotal(id, reference);
    theExportsSayTheMoneyStatusAndEachMovement(reference);
  }

  /**
   * A language of their own, kept per user: "1.234" is too precise in English (the browser's), and
   * a thousand in German from the next request on.
   */
  private void aLanguageOfTheirOwnReadsAmountsTheirWay(String id) {
    assertThat(PaymentPage.openCapture(console, id, "1.234").captureAmountError())
        .contains("EUR has 2 decimals");
    console.nav("nav-preferences");
    PreferencesPage preferences = new PreferencesPage(console);
    preferences.saveLocale("de-DE");
    assertThat(preferences.effectiveLocale()).contains("German");
    assertThat(Accessibility.violations(browser)).as("axe: the preferences").isEmpty();
    assertThat(PaymentPage.openCapture(console, id, "1.234").captureAmountError())
        .isEqualTo("€1,234.00 is more than can be captured: €120.02 is left.");
    preferences = PreferencesPage.open(console);
    preferences.saveLocale("");
    assertThat(preferences.effectiveLocale()).contains("English");
  }

  /** The payment page on a phone: nothing wider than the screen; Release is red-outlined. */
  private void thePaymentPagesFitAPhone(String id, String reference) throws Exception {
    PaymentPage payment = new PaymentPage(console);
    assertThat(console.sidewaysScroll()).as("horizontal scroll at 390 px").isLessThanOrEqualTo(0);
    assertThat(payment.captureAmountField().getSize().getHeight())
        .as("a money input people can hit")
        .isGreaterThanOrEqualTo(36);
    var release = payment.releaseButton();
    assertThat(release.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
    assertThat(release.getCssValue("color")).isEqualTo("rgba(161, 0, 27, 1)");
    console.screenshot("phone-payment");
    assertThat(Accessibility.violations(browser)).as("axe at 390 px: the payment").isEmpty();
    PaymentsPage list = PaymentsPage.open(console, "q=" + reference);
    assertThat(Accessibility.violations(browser)).as("axe at 390 px: the list").isEmpty();
    var row = list.rowElement(id);
    assertThat(row.findElement(By.linkText(reference)).getRect().getX() + 40)
        .as("on a phone the list shows the payment, not only its date")
        .isLessThan(390);
    assertThat(row.findElement(By.cssSelector("[data-field=amount]")).isDisplayed()).isTrue();
    assertThat(PaymentPage.openCapture(console, id, "4,5,0").captureAmountError())
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
      console.open(page);
      assertThat(Accessibility.violations(browser)).as("axe at 390 px: " + page).isEmpty();
      assertThat(console.sidewaysScroll())
          .as("horizontal scroll at 390 px: " + page)
          .isLessThanOrEqualTo(0);
    }
    PaymentPage.open(console, id);
  }

  private void refundFortyEurosAfterTwoAmountsRefusedAtTheField(PaymentPage payment) {
    // more than is left: said at the field in euros, before any confirmation
    payment.refund("500,00");
    awaitVisible("[data-testid=refund-amount-error]");
    assertThat(payment.now("confirm-refund")).isEmpty();
    assertThat(payment.refundAmountError())
        .isEqualTo("€500.00 is more than can be refunded: €100.00 is left.");
    assertThat(payment.refundAmountField().getAttribute("aria-invalid")).isEqualTo("true");
    // a separator used both ways is refused, and what was typed stays to be corrected
    payment.refund("4,5,0");
    awaitText("[data-testid=refund-amount-error]", "ambiguous");
    assertThat(payment.refundAmountField().getAttribute("value")).isEqualTo("4,5,0");

    payment.refund("40,00");
    awaitVisible("[data-testid=confirm-refund]");
    assertThat(payment.refundConfirmation()).contains("Refund €40.00").doesNotContain("4,000");
    payment.confirmRefund();
    awaitText(PaymentPage.amount("refunded"), "€40.00");
    assertThat(payment.moneyStatus()).isEqualTo("Partially refunded");
  }

  /** The list: a money badge, a filter, and a total of what was charged. */
  private void theListHasAMoneyBadgeAFilterAndATotal(String id, String reference) {
    PaymentsPage list = PaymentsPage.open(console, "q=" + reference + "&money=partially_refunded");
    assertThat(list.moneyStatusOf(id)).isEqualTo("Partially refunded");
    assertThat(list.total()).startsWith("1 payment ").contains("€60.00");
    for (String export : List.of("export-csv", "export-movements")) {
      assertThat(list.exportHref(export))
          .as("the exports keep every filter of the list")
          .contains("q=" + reference, "money=partially_refunded");
    }
    list = PaymentsPage.open(console, "expiring=7&store=web");
    assertThat(list.exportHref("export-csv")).contains("expiring=7", "store=web");
    list = PaymentsPage.open(console, "q=" + reference + "&money=uncaptured");
    assertThat(list.rowsNow(id)).isEmpty();
  }

  /** Exports: the payment's money status, and one dated row per movement. */
  private void theExportsSayTheMoneyStatusAndEachMovement(String reference) throws Exception {
    String csv = withSession("/console/payments-data/export.csv?q=" + reference);
    assertThat(csv.lines().findFirst().orElseThrow())
        .endsWith(
            ",money_status,captured_major,refunded_major,created_at_local,time_zone,disputed,lost,"
                + "disputed_major,lost_major");
    assertThat(csv).contains(",partially_refunded,100.00,40.00");
    String moves =
        withSession(
            "/console/payments-data/movements.csv?q=" + reference + "&money=partially_refunded");
    List<String> lines = moves.lines().toList();
    assertThat(lines.get(0)).startsWith("occurred_at (UTC),time_zone,kind,amount_minor,");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains(",capture,10000,100.00,100.00,EUR,");
    assertThat(lines.get(2)).contains(",refund,4000,40.00,-40.00,EUR,");
  }

  // ---------------------------------------------------------------- docs and accessibility

  @Test
  void theApiDocsRenderTheGatewaysOperationsAndTheConsoleLinksToThem() {
    console.openLogin().logInAs(User.platformAdmin());
    console.nav("nav-api");
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    ".opblock-summary-path[data-path='/api/v1/payments/{id}/captures']")));
    String text = console.text("#swagger-ui");
    assertThat(text)
        .contains("Klarna step-up gateway", "payments", "/api/v1/payments", "Take a payment");
    assertThat(console.pageSource()).doesNotContain("/klarna-sandbox/sandbox");
  }

  @Test
  void everyPageMeetsWcag21LevelAaAsAxeCoreChecksIt() throws Exception {
    String tag = newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    Store store = fixtures.physicalStoreWithTill(merchant, "Main");
    String paymentId = fixtures.inStoreSale(merchant, "a11y-" + tag, 4400);
    Map<String, List<String>> found = new LinkedHashMap<>();

    checkTheShoppersAndTheLoginsPages(found);
    console.openLogin().logInAs(merchant.admin());
    checkTheMerchantAdminsPages(found, merchant, store, paymentId);
    checkTheDisplayAndItsLink(found, store);

    console.logOut();
    console.openLogin().logInAs(User.platformAdmin());
    for (String page :
        List.of(
            "/console/merchants",
            "/console/merchants/" + merchant.id(),
            "/console/users",
            "/console/audit")) {
      console.open(page);
      found.put(page, Accessibility.violations(browser));
    }
    // the platform's own pages on a phone too: axe, and nothing wider than the screen
    console.atSize(
        ConsoleBrowser.PHONE, () -> checkThePlatformsPagesOnAPhone(found, merchant, paymentId));

    console.script("document.querySelector('main').appendChild(document.createElement('input'))");
    assertThat(Accessibility.violations(browser))
        .as("the check itself: an input without a label is found")
        .anyMatch(v -> v.startsWith("label "));

    assertThat(found).hasSize(36);
    Map<String, List<String>> failing = new LinkedHashMap<>(found);
    failing.values().removeIf(List::isEmpty);
    assertThat(failing).as("axe-core violations per page").isEmpty();
  }

  private void checkTheShoppersAndTheLoginsPages(Map<String, List<String>> found) {
    console.open("/login");
    found.put("/login", Accessibility.violations(browser));
    console.open("/pay/pay_nosuchpayment");
    assertThat(console.text("[data-testid=shopper-error]"))
        .as("a shopper's own page, not the console's 404")
        .contains("This payment link does not work")
        .doesNotContain("console");
    found.put("/pay/{unknown}", Accessibility.violations(browser));
  }

  private void checkTheMerchantAdminsPages(
      Map<String, List<String>> found, Merchant merchant, Store store, String paymentId) {
    String storeId = store.id();
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
      console.open(page);
      found.put(page, Accessibility.violations(browser));
    }
    console.open("/console/merchants/" + merchant.id());
    found.put("the merchant's settings (its admin)", Accessibility.violations(browser));
  }

  private void checkTheDisplayAndItsLink(Map<String, List<String>> found, Store store) {
    StorePage page = StorePage.open(console, store.id());
    page.displayLink("till-1");
    found.put("the new display link", Accessibility.violations(browser));
    String displayUrl = page.displayUrl();
    browser.get(displayUrl);
    DisplayPage display = new DisplayPage(console);
    display.awaitQr();
    found.put("/display/{token} (QR)", Accessibility.violations(browser));
    StorePage.open(console, store.id()).disconnectDisplay("till-1");
    found.put("a confirmation", Accessibility.violations(browser));
    console.confirmYes();
    awaitText("[data-testid=done]", "Display disconnected");
    browser.get(displayUrl);
    display.awaitDisconnected();
    found.put("/display/{token} (disconnected)", Accessibility.violations(browser));
  }

  private void checkThePlatformsPagesOnAPhone(
      Map<String, List<String>> found, Merchant merchant, String paymentId) {
    for (String page :
        List.of(
            "/console",
            "/console/merchants",
            "/console/merchants/" + merchant.id(),
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
      console.open(page);
      var atPhone = new ArrayList<>(Accessibility.violations(browser));
      String sideways = runsOffTheSide();
      if (sideways != null) {
        atPhone.add(sideways);
      }
      found.put(page + " (platform admin, 390 px)", atPhone);
    }
  }

  // ---------------------------------------------------------------- notifications

  /** A partner's notification endpoint on loopback that answers 200 while up, else 503. */
  record HookReceiver(HttpServer server, AtomicBoolean up) implements AutoCloseable {

    static HookReceiver start() throws Exception {
      AtomicBoolean up = new AtomicBoolean(true);
      var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hooks",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
            exchange.close();
          });
      server.start();
      return new HookReceiver(server, up);
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  @OnEveryDatabase
  void aMerchantAdminSeesFailingNotificationsFirstAndRedeliversOne() throws Exception {
    String tag = newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    try (HookReceiver receiver = HookReceiver.start()) {
      String failing = oneNotificationDeliveredAndOneFailing(merchant, receiver);

      console.openLogin().logInAs(merchant.admin());
      console.nav("nav-deliveries");
      DeliveriesPage deliveries = new DeliveriesPage(console);
      var rows = deliveries.rows();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).getAttribute("data-status")).as("failing first").isEqualTo("FAILED");
      assertThat(rows.get(0).getText()).contains(failing, "503");
      assertThat(deliveries.webhookHealthNow()).as("Klarna's side is for platform staff").isEmpty();
      deliveries.open(rows.get(0));
      assertThat(deliveries.attempts())
          .as("the first try and one retry per wait of the schedule")
          .hasSize(5);
      receiver.up().set(true);
      theRedeliveryGoesOnNumberingItsAttempts(deliveries, failing);

      console.logOut();
      console.openLogin().logInAs(merchant.support());
      console.nav("nav-deliveries");
      assertThat(deliveries.webhookHealth()).contains("Events received");
      deliveries.openFirst();
      assertThat(deliveries.redeliverButtonsNow()).as("support users change nothing").isEmpty();
      assertAccessibleAtEveryWidth("a delivery");
    }
  }

  /**
   * Approved at once (amounts ending in 02): one notification delivered, one that keeps failing.
   */
  private String oneNotificationDeliveredAndOneFailing(Merchant merchant, HookReceiver receiver)
      throws Exception {
    assertThat(
            fixtures
                .admin()
                .patch(
                    "/api/v1/admin/merchants/" + merchant.id(),
                    "{\"notification_url\":\"" + receiver.url() + "\"}")
                .status())
        .isEqualTo(200);
    JsonHttp partner = merchant.partner(base);
    fixtures.websiteStore(merchant, "web", "Web", "https://shop.example");
    assertThat(
            fixtures
                .createOnlineSale(merchant, "ok", 1002, "USD", "https://shop.example/done")
                .status())
        .isEqualTo(201);
    awaitNotifications(partner, "delivered", 1);
    receiver.up().set(false);
    String failing =
        fixtures.onlineSale(merchant, "down", 2002, "USD", "https://shop.example/done");
    awaitNotifications(partner, "failed", 1); // retried after 1 s, 1 s, 2 s, 5 s (the IT schedule)
    return failing;
  }

  private void theRedeliveryGoesOnNumberingItsAttempts(DeliveriesPage delivery, String failing) {
    delivery.redeliver();
    delivery.awaitDelivered();
    var attempts = delivery.attempts();
    assertThat(attempts).hasSize(6);
    assertThat(attempts.get(5).findElement(By.tagName("td")).getText())
        .as("a redelivery goes on numbering, it does not start again at 1")
        .isEqualTo("6");
    assertThat(delivery.body())
        .as("the body that was sent, indented")
        .contains("\"payment.authorized\"", failing)
        .contains("\n");
    assertThat(delivery.paymentLink()).endsWith("/console/payments/" + failing);
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

  // ---------------------------------------------------------------- disputes

  /** A captured sale the shopper disputes at Klarna, once the gateway knows the dispute. */
  record Disputed(String paymentId, String disputeId) {}

  @Test
  @OnEveryDatabase
  void aMerchantAdminAnswersADisputeWithTheEvidencePackAndSupportOnlyReads() throws Exception {
    String tag = "dsp" + newTag();
    Merchant merchant = fixtures.merchantWithUsers(tag);
    Disputed disputed = aCapturedSaleDisputedAtKlarna(merchant, tag);
    String id = disputed.paymentId();
    String disputeId = disputed.disputeId();

    DashboardPage dashboard = console.openLogin().logInAs(merchant.admin());
    assertThat(dashboard.openDisputes()).contains("1 open");
    theMerchantAdminAnswersWithTheEvidencePack(merchant, disputed);

    // what the dispute holds is money finance sees: on the payment, and in the movements export
    // beside the capture
    assertThat(PaymentPage.open(console, id).amountOf("disputed")).isEqualTo("$80.02");
    assertThat(withSession("/console/payments-data/movements.csv?q=dispute-" + tag))
        .contains(",capture,8002,80.02,80.02,USD,")
        .contains(",dispute_hold,8002,80.02,-80.02,USD," + disputeId + "," + id + ",");

    // support reads the dispute and has no actions
    console.logOut();
    console.openLogin().logInAs(merchant.support());
    DisputePage dispute = DisputePage.open(console, disputeId);
    assertThat(dispute.reason()).isEqualTo("Goods or services not received");
    assertAccessibleAtEveryWidth("a dispute");
    for (String button : List.of("answer", "appeal", "accept", "upload-form")) {
      assertThat(dispute.now(button)).isEmpty();
    }
    console.open("/console/disputes/" + disputeId + "/accept");
    assertThat(console.pageSource()).contains("403");
  }

  private Disputed aCapturedSaleDisputedAtKlarna(Merchant merchant, String tag) throws Exception {
    JsonHttp partner = merchant.partner(base);
    JsonHttp.Answer registered =
        fixtures.admin().post("/api/v1/admin/webhooks/klarna/registration", "");
    assertThat(registered.status()).as(registered.toString()).isIn(201, 200);
    fixtures.websiteStore(merchant, "web", "W", "https://m.example");
    // approved at once (an amount ending in 02), then captured: a sale the shopper can dispute
    String id = fixtures.onlineSale(merchant, "dispute-" + tag, 8002, "USD", "https://m.example/r");
    assertThat(partner.post("/api/v1/payments/" + id + "/captures", "{}").status()).isEqualTo(201);
    String transaction =
        partner
            .get("/api/v1/payments/" + id)
            .json()
            .getJsonObject("klarna")
            .getString("payment_transaction_id");
    JsonHttp.Answer opened =
        ItGateway.sandbox(base)
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
      if (disputeId == null) {
        Thread.sleep(200);
      }
    }
    assertThat(disputeId).as("the gateway learned the dispute").isNotNull();
    return new Disputed(id, disputeId);
  }

  private void theMerchantAdminAnswersWithTheEvidencePack(Merchant merchant, Disputed disputed) {
    String disputeId = disputed.disputeId();
    console.nav("nav-disputes");
    DisputePage dispute = new DisputePage(console);
    var row = dispute.row(disputeId);
    assertThat(row.getText()).contains("Goods or services not received", "$80.02", "d ", "left");
    dispute.openFrom(row);
    assertThat(dispute.payment()).isEqualTo(disputed.paymentId());
    // a file Klarna would refuse is stopped in the browser, before anything is sent
    int before = uploadsAtKlarna();
    dispute.upload(file("notes.txt", "not a PDF".getBytes(StandardCharsets.UTF_8)));
    awaitText("[data-testid=upload-problem]", "PDF, JPEG, PNG or DOCX");
    byte[] tooLarge = new byte[7 * 1024 * 1024 + 1];
    System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, tooLarge, 0, 5);
    dispute.upload(file("scan.pdf", tooLarge));
    awaitText("[data-testid=upload-problem]", "over 7 MB");
    assertThat(uploadsAtKlarna()).as("nothing reached Klarna").isEqualTo(before);
    dispute.upload(
        file("delivery.pdf", "%PDF-1.4 signed delivery note".getBytes(StandardCharsets.UTF_8)));
    awaitText("[data-testid=done]", "The file was uploaded to Klarna.");
    assertThat(dispute.attachments()).contains("delivery.pdf");
    assertThat(uploadsAtKlarna()).isEqualTo(before + 1);
    dispute.answer();
    assertThat(dispute.answerConfirmation())
        .as("the confirmation says what it does")
        .contains("evidence pack", "sent once");
    dispute.confirmAnswer("Delivered to the address given");
    awaitText("[data-testid=done]", "The evidence was sent to Klarna.");
    assertThat(dispute.state()).isEqualTo("REPRESENTMENT");
    assertThat(dispute.attachments())
        .contains("evidence-pack-" + disputeId + ".pdf", "The evidence")
        .contains("delivery.pdf");
    assertThat(dispute.now("answer")).isEmpty();
    assertThat(
            merchant.partner(base).get("/api/v1/disputes/" + disputeId).json().getString("state"))
        .isEqualTo("REPRESENTMENT");
    // the dispute's timeline: opened at Klarna, then the answer, by whom
    assertThat(dispute.eventKinds()).containsSubsequence("opened", "evidence_sent");
    assertThat(dispute.timeline())
        .contains("Opened at Klarna: Evidence requested", "Evidence sent to Klarna")
        .contains(merchant.admin().username() + " in the console");
  }

  /** A file on disk for the browser to pick. */
  static java.nio.file.Path file(String name, byte[] content) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dispute-files");
      return java.nio.file.Files.write(dir.resolve(name), content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  int uploadsAtKlarna() {
    return ItGateway.sandbox(base)
        .get("/klarna-sandbox/sandbox/requests?path=/attachments")
        .json()
        .getJsonArray("requests")
        .size();
  }

  // ---------------------------------------------------------------- the second factor

  /** A user enrolled in the second factor: its secret, and the time step of the code it used. */
  record Enrolled(User user, String secret, long step) {}

  @Test
  void aRequiredSecondFactorIsEnrolledByQrCodeAndThenAsked() {
    Merchant merchant = fixtures.merchantWithUsers("otp" + newTag().substring(0, 6));
    JsonHttp.Answer required =
        fixtures
            .admin()
            .send(
                "PUT",
                "/api/v1/admin/two-factor/merchants/" + merchant.id(),
                "{\"required\":true}",
                Map.of());
    assertThat(required.status()).as(required.toString()).isEqualTo(200);

    Enrolled enrolled = enrolByQrCodeAtTheFirstLogin(merchant.admin());
    SecondFactorPages secondFactor = new SecondFactorPages(console);

    // log out, log in: the password, then a code
    new DashboardPage(console).logOut().logIn(enrolled.user());
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/login/code"));
    assertThat(console.currentUrl()).endsWith("/login/code");
    console.open("/console");
    assertThat(console.currentUrl()).as("the password alone").endsWith("/login");
    console.open("/login/code");
    String next = TestTotp.code(enrolled.secret(), enrolled.step() + 1);
    secondFactor.logInWith(next);
    DashboardPage dashboard = new DashboardPage(console);
    assertThat(dashboard.currentUser()).isEqualTo(enrolled.user().username());

    // the same code a second time is refused
    dashboard.logOut().logIn(enrolled.user());
    secondFactor.logInWith(next);
    assertThat(secondFactor.codeError()).contains("used already");
    assertAccessibleAtEveryWidth("the login's code, a code refused");
  }

  /** The first login after the requirement: enrolment before anything else. */
  private Enrolled enrolByQrCodeAtTheFirstLogin(User user) {
    console.openLogin().logIn(user);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/login/enrol"));
    assertThat(console.currentUrl()).endsWith("/login/enrol");
    SecondFactorPages enrolment = new SecondFactorPages(console);
    assertThat(enrolment.showsQr()).isTrue();
    String secret = enrolment.secret();
    console.open("/console");
    assertThat(console.currentUrl()).as("not logged in yet").endsWith("/login");
    console.open("/login/enrol");
    assertThat(enrolment.secret()).as("the same secret until it is confirmed").isEqualTo(secret);
    long step = TestTotp.step();
    enrolment.enrolWith(TestTotp.code(secret, step + 5));
    assertThat(enrolment.enrolError()).contains("not right");
    assertAccessibleAtEveryWidth("the second factor's enrolment, a code refused");
    enrolment.enrolWith(TestTotp.code(secret, step));
    assertThat(enrolment.recoveryCodes()).hasSize(10);
    DashboardPage dashboard = enrolment.continueToConsole();
    assertThat(dashboard.currentUser()).isEqualTo(user.username());
    return new Enrolled(user, secret, step);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Null when the page fits the window's width; else how far it scrolls sideways and the outermost
   * elements that run off the side (outside the boxes that scroll on their own), to know what to
   * fix.
   */
  private String runsOffTheSide() {
    return console.runsOffTheSide();
  }

  /**
   * axe-core finds nothing on the page as it is, on a desktop and on a phone, and nothing runs off
   * the phone's side.
   */
  private void assertAccessibleAtEveryWidth(String what) {
    assertThat(Accessibility.violations(browser)).as("axe: " + what).isEmpty();
    var size = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(ConsoleBrowser.PHONE);
      assertThat(Accessibility.violations(browser)).as("axe at 390 px: " + what).isEmpty();
      String sideways = runsOffTheSide();
      if (sideways != null) {
        throw new AssertionError(sideways + ": " + what);
      }
    } finally {
      browser.manage().window().setSize(size);
    }
  }

  /** Clicks a form's submit button and waits until the page it posted from has gone. */
  private void submitWith(String css) {
    console.submitWith(css);
  }

  /** Waits for the page a form POST leads to: the element's text once it shows {@code text}. */
  private void awaitText(String css, String text) {
    console.awaitText(css, text);
  }

  private void awaitVisible(String css) {
    console.awaitVisible(css);
  }

  /** A GET with the browser's console session, for what a browser would download: a CSV. */
  private String withSession(String path) throws Exception {
    var response = console.download(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    return response.body();
  }
}
