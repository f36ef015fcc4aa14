package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.Chromium;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.OperatorApi;
import dev.partnerconsent.it.support.OperatorApi.Answer;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.SeededConsents;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.apis.CustomerBook;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partner's customers over real HTTP against the Partner Center and Graph stand-ins: the refresh caches 1,200
 * seeded customers with their GDAP flags, search and paging, the pre-check, each answer of Partner Center's
 * application-consent API (201, 409 unchanged or replaced, 403, 404, 429), a bulk consent over every customer at the
 * configured rate with every outcome in the audit trail and the run history, a reader's refusal, and the page in
 * Chromium (screenshots under {@code target/screenshots}).
 */
@AppSettings({"partnerconsent.customer-consent.per-second=50"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomersIT extends InContainer {

    private static final int CUSTOMERS = 1200;
    private static final double RATE = 50;
    private static String partner;
    private static OperatorApi operator;
    private static OperatorApi reader;
    private static CustomerBook book;

    @BeforeAll
    static void refreshTheCustomers() throws Exception {
        partner = SeededConsents.seed(1).get(0);
        book = standIns().apis().customers();
        book.seed(CUSTOMERS);
        operator = OperatorApi.bearer(Operators.appToken(standIns(), Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
        reader = OperatorApi.bearer(Operators.appToken(standIns(), Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
        Answer started = operator.post("/api/customers/refresh", Map.of("partner", partner));
        assertEquals(202, started.status(), started.body());
        JsonObject ended = await(() -> operator.get("/api/customers/refresh?partner=" + partner),
                r -> !r.getBoolean("running"), "the refresh did not end");
        assertEquals("ok", ended.getString("outcome"), ended.toString());
        assertEquals(CUSTOMERS, ended.getInt("customers"));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private interface Call {
        Answer send() throws Exception;
    }

    /** Polls until the answer meets {@code done}; fails after two minutes. */
    private static JsonObject await(Call call, Predicate<JsonObject> done, String failure) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            Answer a = call.send();
            if (a.status() == 200 && done.test(a.json())) {
                return a.json();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(failure + ": " + a.status() + " " + a.body());
            }
            Thread.sleep(200);
        }
    }

    private static JsonObject customer(int i) throws Exception {
        Answer a = operator.get("/api/customers/" + CustomerBook.tenantIdOf(i) + "?partner=" + partner);
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    private static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonValue.class).stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }

    private static Answer consent(int i) throws Exception {
        return operator.post("/api/customers/" + CustomerBook.tenantIdOf(i) + "/application-consent", Map.of("partner", partner));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theRefreshCachesEveryCustomerWithItsGdapFlags() throws Exception {
        JsonObject all = operator.get("/api/customers?partner=" + partner + "&size=1").json();
        assertEquals(CUSTOMERS, all.getJsonNumber("total").longValue());
        JsonObject counts = all.getJsonObject("flagCounts");
        assertEquals(CUSTOMERS, counts.getInt("customers"));
        assertEquals(CUSTOMERS / 10, counts.getInt("noActiveRelationship"));
        assertEquals(CUSTOMERS / 10, counts.getInt("endsWithin30Days"));
        assertEquals(CUSTOMERS / 10, counts.getInt("globalAdministrator"));
        assertEquals(CUSTOMERS / 10, counts.getInt("rolesInsufficient"));

        JsonObject none = customer(0);
        assertEquals(List.of("no-active-relationship"), strings(none.getJsonArray("flags")));
        assertEquals("expired", none.getJsonObject("gdap").getString("status"));
        JsonObject expiring = customer(1);
        assertEquals(List.of("ends-within-30-days"), strings(expiring.getJsonArray("flags")));
        assertEquals("PT0S", expiring.getJsonObject("gdap").getString("autoExtendDuration"));
        JsonObject ga = customer(2);
        assertEquals(List.of("global-administrator"), strings(ga.getJsonArray("flags")));
        assertEquals(List.of("Global Administrator"), strings(ga.getJsonObject("gdap").getJsonArray("roles")));
        assertTrue(none.getString("precheck").startsWith("gdap-no-active-relationship: Will fail because"), none.toString());
        JsonObject readers = customer(3);
        assertEquals(List.of("roles-insufficient"), strings(readers.getJsonArray("flags")));
        assertEquals(List.of("Directory Readers"), strings(readers.getJsonObject("gdap").getJsonArray("roles")));
        JsonObject healthy = customer(4);
        assertEquals(List.of(), strings(healthy.getJsonArray("flags")));
        assertTrue(healthy.isNull("precheck"), "nothing stands in the way");
        assertEquals("P180D", healthy.getJsonObject("gdap").getString("autoExtendDuration"));
        assertEquals(List.of("Cloud Application Administrator", "User Administrator"),
                strings(healthy.getJsonObject("gdap").getJsonArray("roles")));
        assertEquals(List.of(CustomerBook.APP_ADMINS_GROUP, CustomerBook.HELPDESK_GROUP).stream().sorted().toList(),
                strings(healthy.getJsonObject("gdap").getJsonArray("groups")));
        assertEquals("Wingtip 0004 Ltd", healthy.getString("companyName"));

        JsonObject gaOnly = operator.get("/api/customers?partner=" + partner + "&flag=global-administrator&size=500").json();
        assertEquals(CUSTOMERS / 10, gaOnly.getJsonNumber("total").longValue());
        assertTrue(gaOnly.getJsonArray("customers").getValuesAs(JsonObject.class).stream()
                .allMatch(c -> strings(c.getJsonArray("flags")).contains("global-administrator")));
        assertEquals(400, operator.get("/api/customers?partner=" + partner + "&flag=bogus").status());
    }

    @Test
    @Order(2)
    void searchFindsByNameDomainOrTenantIdAndPages() throws Exception {
        for (String search : List.of("COHO WINERY 0008", "cohowinery0008ltd.onmicrosoft", CustomerBook.tenantIdOf(8).toUpperCase())) {
            JsonObject found = operator.get("/api/customers?partner=" + partner + "&search=" + q(search)).json();
            assertEquals(1, found.getJsonNumber("total").longValue(), search + ": " + found);
            assertEquals(CustomerBook.tenantIdOf(8), found.getJsonArray("customers").getJsonObject(0).getString("tenantId"));
        }
        assertEquals(0, operator.get("/api/customers?partner=" + partner + "&search=" + q("100%_")).json()
                .getJsonNumber("total").longValue(), "LIKE wildcards are taken literally");
        JsonObject first = operator.get("/api/customers?partner=" + partner + "&size=500").json();
        assertTrue(first.getBoolean("hasNext"));
        JsonObject last = operator.get("/api/customers?partner=" + partner + "&size=500&page=2").json();
        assertEquals(CUSTOMERS - 1000, last.getJsonArray("customers").size());
        assertFalse(last.getBoolean("hasNext"));
    }

    @Test
    @Order(3)
    void aReaderMayLookButNotRefreshOrConsent() throws Exception {
        assertEquals(200, reader.get("/api/customers?partner=" + partner).status());
        assertEquals(403, reader.post("/api/customers/refresh", Map.of("partner", partner)).status());
        Answer refused = reader.post("/api/customers/" + CustomerBook.tenantIdOf(4) + "/application-consent", Map.of("partner", partner));
        assertEquals(403, refused.status(), refused.body());
        assertEquals(403, reader.post("/api/customers/application-consent", Map.of("partner", partner)).status());
        assertTrue(book.consents(CustomerBook.tenantIdOf(4)).isEmpty(), "nothing was consented");
    }

    @Test
    @Order(3)
    void aReaderSignedInSeesThePageWithoutActionsAndIsRefusedThem() throws Exception {
        var browser = Operators.signedIn(Operators.READER, Operators.OPERATOR_TENANT);
        var page = browser.get(appBaseUrl() + "/admin/customers.xhtml?partner=" + partner);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("Adventure Works 0006 Ltd") && page.body().contains(CUSTOMERS + " customers"),
                "a reader sees the customers, by name");
        assertFalse(page.body().contains("consent-selected") || page.body().contains("refresh-customers"),
                "no button a reader would meet a 403 behind");
        var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(m.find(), "the page carries the session's csrf token");
        for (String action : List.of("refresh", "consent")) {
            var refused = browser.post(appBaseUrl() + "/admin/customer-actions/" + action,
                    Map.of("csrf", m.group(1), "partner", partner, "one", CustomerBook.tenantIdOf(4)));
            assertEquals(403, refused.status(), action + ": " + refused.body());
            assertTrue(refused.body().contains("operator-forbidden"), refused.body());
        }
        assertTrue(book.consents(CustomerBook.tenantIdOf(4)).isEmpty(), "nothing was consented");
    }

    @Test
    @Order(4)
    void thePreCheckSaysWhyItWillFailWithoutCallingPartnerCenter() throws Exception {
        int callsBefore = standIns().apis().calls().size();
        Answer none = consent(10);
        assertEquals(409, none.status(), none.body());
        assertEquals("gdap-no-active-relationship", none.json().getString("error"));
        assertTrue(none.json().getString("detail").startsWith("Will fail because"), none.body());
        Answer readers = consent(13);
        assertEquals(409, readers.status(), readers.body());
        assertEquals("gdap-roles-insufficient", readers.json().getString("error"));
        assertTrue(readers.json().getString("detail").contains("only Directory Readers"), readers.body());
        assertEquals(callsBefore, standIns().apis().calls().size(), "neither Partner Center nor Graph was called");
        assertEquals("gdap-roles-insufficient", customer(13).getString("lastConsentOutcome"));
    }

    @Test
    @Order(5)
    void aConsentIsCreatedProvenLeftWhenUnchangedAndReplacedWhenTheGrantsChanged() throws Exception {
        String tenant = CustomerBook.tenantIdOf(14);
        Answer created = consent(14);
        assertEquals(200, created.status(), created.body());
        assertEquals("created", created.json().getString("code"));
        assertTrue(created.json().getString("detail").contains("A token of the customer's tenant was obtained"), created.body());
        var held = book.consents(tenant).get(StandIns.APP_CLIENT_ID);
        assertEquals(List.of(new CustomerBook.Grant("00000003-0000-0000-c000-000000000000", "User.Read")), held.grants());

        Answer again = consent(14);
        assertEquals("unchanged", again.json().getString("code"), again.body());

        book.consents(tenant).put(StandIns.APP_CLIENT_ID, new CustomerBook.Consent(StandIns.APP_CLIENT_ID, "",
                List.of(new CustomerBook.Grant("00000003-0000-0000-c000-000000000000", "Mail.Read"))));
        Answer replaced = consent(14);
        assertEquals("replaced", replaced.json().getString("code"), replaced.body());
        assertEquals("User.Read", book.consents(tenant).get(StandIns.APP_CLIENT_ID).grants().get(0).scope());
        assertEquals("replaced", customer(14).getString("lastConsentOutcome"));
    }

    @Test
    @Order(6)
    void partnerCentersRefusalsAreAnsweredWithTheirCatalogueEntries() throws Exception {
        book.removeRoles(CustomerBook.tenantIdOf(24));
        Answer forbidden = consent(24);
        assertEquals(403, forbidden.status(), forbidden.body());
        assertEquals("customer-consent-forbidden", forbidden.json().getString("error"));
        assertTrue(forbidden.json().getString("detail").contains("HTTP 403"), forbidden.body());

        book.forget(CustomerBook.tenantIdOf(34));
        Answer gone = consent(34);
        assertEquals(404, gone.status(), gone.body());
        assertEquals("customer-not-found", gone.json().getString("error"));
        assertTrue(gone.json().getString("detail").contains("HTTP 404"), gone.body());

        Answer unknown = operator.post("/api/customers/" + java.util.UUID.randomUUID() + "/application-consent",
                Map.of("partner", partner));
        assertEquals(404, unknown.status());
        assertEquals("customer-not-found", unknown.json().getString("error"));

        book.throttle(1, Duration.ofSeconds(1));
        Answer waited = consent(44);
        assertEquals(200, waited.status(), "one 429 is waited out: " + waited.body());
        assertEquals("created", waited.json().getString("code"));

        book.throttle(10, Duration.ofSeconds(1));
        Answer throttled = consent(54);
        assertEquals(429, throttled.status(), throttled.body());
        assertEquals("customer-consent-throttled", throttled.json().getString("error"));
        book.throttle(0, Duration.ofSeconds(1));

        JsonObject failures = operator.get("/api/audit?kind=customer.consent-failed&tenant=" + partner + "&size=100").json();
        List<String> rows = failures.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("subject") + " " + r.getString("detail")).toList();
        for (var expected : Map.of(24, "customer-consent-forbidden", 34, "customer-not-found", 54, "customer-consent-throttled",
                10, "gdap-no-active-relationship").entrySet()) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("customer " + CustomerBook.tenantIdOf(expected.getKey()))
                    && r.contains("outcome=" + expected.getValue())), expected + " in " + rows);
        }
    }

    @Test
    @Order(7)
    void aBulkConsentOverEveryCustomerKeepsTheRateAndRecordsEachOutcome() throws Exception {
        Answer started = operator.post("/api/customers/application-consent", Map.of("partner", partner));
        assertEquals(202, started.status(), started.body());
        String run = started.json().getString("id");
        assertEquals(CUSTOMERS, started.json().getInt("customers"));
        Answer busy = operator.post("/api/customers/application-consent", Map.of("partner", partner));
        assertEquals(409, busy.status(), "one run per partner at a time: " + busy.body());
        assertEquals("customer-consent-busy", busy.json().getString("error"));
        JsonObject ended = await(() -> operator.get("/api/customers/application-consent?partner=" + partner),
                r -> r.getString("id").equals(run) && !r.getBoolean("running"), "the consent run did not end");

        // 960 customers pass the pre-check; Partner Center refuses the one without roles (403) and the forgotten one (404)
        int called = CUSTOMERS - 2 * CUSTOMERS / 10;
        int expectedOk = called - 2;
        assertEquals(expectedOk, ended.getInt("ok"), ended.toString());
        assertEquals(CUSTOMERS - expectedOk, ended.getInt("failed"), ended.toString());
        Duration took = Duration.between(Instant.parse(ended.getString("startedAt")), Instant.parse(ended.getString("endedAt")));
        Duration floor = Duration.ofMillis((long) ((called - 1) / RATE * 1000));
        assertTrue(took.compareTo(floor) >= 0, "paced at " + RATE + "/s: " + called + " calls took " + took);
        assertEquals(expectedOk, book.consentedCount(StandIns.APP_CLIENT_ID), "every consent Partner Center holds");

        JsonObject outcomes = operator.get("/api/runs/" + run + "/outcomes?size=1").json();
        assertEquals(CUSTOMERS, outcomes.getJsonNumber("total").longValue(), "one outcome per customer in the run history");
        assertTrue(outcomes.getJsonObject("run").getString("trigger").startsWith("application-consent"));
        JsonObject failed = operator.get("/api/runs/" + run + "/outcomes?outcome=failed&size=500").json();
        assertEquals(CUSTOMERS - expectedOk, failed.getJsonNumber("total").longValue());
        assertTrue(failed.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .anyMatch(o -> o.getString("tenantId").equals(CustomerBook.tenantIdOf(24))
                        && o.getString("code").equals("customer-consent-forbidden")), failed.toString());

        String from = q(ended.getString("startedAt"));
        long consented = operator.get("/api/audit?kind=customer.consented&tenant=" + partner + "&from=" + from + "&size=1")
                .json().getJsonNumber("total").longValue();
        long refused = operator.get("/api/audit?kind=customer.consent-failed&tenant=" + partner + "&from=" + from + "&size=1")
                .json().getJsonNumber("total").longValue();
        assertEquals(expectedOk, consented, "an audit row per consented customer");
        assertEquals(CUSTOMERS - expectedOk, refused, "an audit row per refused customer");
    }

    private static ChromeDriver driver;

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }

    @Test
    @Order(8)
    void theCustomersPageInChromium() throws Exception {
        driver = Chromium.start("customers", 1500, 1100);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Chromium.signIn(driver, appBaseUrl() + "/admin/customers.xhtml?partner=" + partner, Operators.ADMIN_BY_ROLE,
                Operators.OPERATOR_TENANT, By.id("customers"));
        if (!driver.getCurrentUrl().contains("partner=")) {
            driver.get(appBaseUrl() + "/admin/customers.xhtml?partner=" + partner);
        }
        screenshot("customers-1-list");
        assertEquals(String.valueOf(CUSTOMERS / 10), driver.findElement(By.id("count-global-administrator")).getText());
        assertEquals(25, driver.findElements(By.cssSelector("#customers tbody tr")).size(), "a page of 25");

        driver.findElement(By.cssSelector("a.flag-filter[href*='roles-insufficient']")).click();
        wait.until(ExpectedConditions.urlContains("flag=roles-insufficient"));
        screenshot("customers-2-roles-insufficient");
        var rows = driver.findElements(By.cssSelector("#customers tbody tr"));
        assertEquals(25, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.findElement(By.cssSelector(".flags")).getText()
                .contains("Roles do not suffice to consent an application")), "only flagged customers");
        assertTrue(rows.stream().allMatch(r -> r.findElement(By.cssSelector(".precheck")).getText()
                .startsWith("Will fail because the partner's groups hold only Directory Readers")), "the pre-check before any click");

        driver.get(appBaseUrl() + "/admin/customers.xhtml?partner=" + partner + "&search=" + q("Wingtip 0004"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-" + CustomerBook.tenantIdOf(4))));
        row.findElement(By.cssSelector("button.consent-one")).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-code")));
        screenshot("customers-3-consented");
        assertEquals("unchanged", notice.getText(), "consented by the bulk run already, with the same grants");

        driver.get(appBaseUrl() + "/admin/customers.xhtml?partner=" + partner + "&search=" + q("Wingtip 01"));
        var boxes = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("input[name=customer]"), 1));
        boxes.get(0).click();
        boxes.get(1).click();
        driver.findElement(By.id("consent-selected")).click();
        assertEquals("consent-started", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-code"))).getText());
        JsonObject selected = await(() -> operator.get("/api/customers/application-consent?partner=" + partner),
                r -> !r.getBoolean("running"), "the selection's run did not end");
        assertEquals(2, selected.getInt("customers"), selected.toString());
        assertEquals(2, selected.getInt("ok"), "already consented with the same grants: unchanged " + selected);
        driver.navigate().refresh();
        screenshot("customers-4-selection");

        String page = driver.getPageSource();
        for (String secret : standIns().entra().issuedSecrets()) {
            assertFalse(secret.length() > 12 && page.contains(secret), "no issued token on the page");
        }
    }
}
