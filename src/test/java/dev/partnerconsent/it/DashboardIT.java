package dev.partnerconsent.it;

import dev.partnerconsent.health.ConsentHealth;
import dev.partnerconsent.health.ExpiryTimeline;
import dev.partnerconsent.health.HealthRules;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.it.support.Chromium;
import dev.partnerconsent.it.support.ConsentSeeds;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.OperatorApi;
import dev.partnerconsent.it.support.Operators;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) over 10,000 consents of every health, seeded straight
 * into the local Key Vault and brought into the health ledger by {@code POST /api/health/backfill}: the counts match
 * what the vault holds, the SVG timeline is drawn, the state filter, the search and the paging work. Screenshots go to
 * {@code target/screenshots}.
 */
class DashboardIT extends InContainer {

    static final int CONSENTS = Integer.getInteger("it.dashboard.consents", 10_000);

    private static ChromeDriver driver;
    private static List<ConsentSeeds.Seeded> seeded;
    private static Map<HealthState, Long> expected;
    private static Instant seededAt;

    @BeforeAll
    static void seedAndSignIn() throws Exception {
        seededAt = Instant.now();
        seeded = ConsentSeeds.seed(standIns(), "", CONSENTS, seededAt);
        OperatorApi.Answer backfill = operatorApi().post("/api/health/backfill", Map.of());
        assertEquals(200, backfill.status(), backfill.body());
        assertEquals(CONSENTS, backfill.json().getInt("added"), backfill.body());
        expected = new EnumMap<>(HealthState.class);
        for (HealthState s : HealthState.values()) {
            expected.put(s, 0L);
        }
        seeded.forEach(c -> expected.merge(HealthRules.assess(c.facts(), Instant.now()).state(), 1L, Long::sum));

        driver = Chromium.start("dashboard", 1280, 1400);
        Chromium.signIn(driver, appBaseUrl() + "/admin/", Operators.READER, Operators.OPERATOR_TENANT, By.id("counts"));
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        // the seeded values are not among Entra's issued secrets the suite's leak check looks for: one search finds any
        LeakCheck.assertNotIn(List.of(ConsentSeeds.VALUE_PREFIX), LeakCheck.capturedLogs());
    }

    private static OperatorApi operatorApi() throws Exception {
        return OperatorApi.bearer(Operators.appToken(standIns(), Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope()));
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }

    private static long shown(String id) {
        return Long.parseLong(driver.findElement(By.id(id)).getText().strip());
    }

    @Test
    void theCountsAreWhatTheVaultHolds() throws Exception {
        driver.get(appBaseUrl() + "/admin/");
        screenshot("dashboard");
        assertEquals(CONSENTS, standIns().vault().names().size(), "the vault holds the seeded consents and no other");
        assertEquals(CONSENTS, shown("count-all"));
        for (HealthState s : HealthState.values()) {
            assertEquals(expected.get(s), shown("count-" + s.code()), s.code());
        }
        assertTrue(expected.values().stream().filter(n -> n > 0).count() >= 5, "the seeds span the states: " + expected);

        JsonObject summary = operatorApi().get("/api/health-summary").json();
        assertEquals(CONSENTS, summary.getJsonNumber("total").longValue());
        for (HealthState s : HealthState.values()) {
            assertEquals(expected.get(s), summary.getJsonObject("states").getJsonNumber(s.code()).longValue(), s.code());
        }
        assertFalse(driver.getPageSource().contains(ConsentSeeds.VALUE_PREFIX), "the dashboard shows no secret value");
        String metrics = OperatorApi.anonymous().get("/metrics?scope=application").body();
        for (HealthState s : HealthState.values()) {
            java.util.regex.Matcher gauge = java.util.regex.Pattern.compile("(?m)^partnerconsent_consents\\{[^}]*state=\""
                    + s.code() + "\"[^}]*} ([0-9.E+]+)$").matcher(metrics);
            assertTrue(gauge.find(), "a gauge for " + s.code() + " in " + metrics.lines()
                    .filter(l -> l.contains("partnerconsent_consents")).toList());
            assertEquals(expected.get(s).doubleValue(), Double.parseDouble(gauge.group(1)), s.code());
        }
        JsonObject gdap = summary.getJsonObject("gdap");
        assertEquals(gdap.getJsonNumber("customers").longValue(), shown("gdap-customers"));
        for (String flag : List.of("no-active-relationship", "ends-within-30-days", "global-administrator", "roles-insufficient")) {
            assertEquals(gdap.getJsonObject("flags").getJsonNumber(flag).longValue(), shown("gdap-" + flag), flag);
        }
    }

    @Test
    void theTimelineDrawsTheNextThirteenWeeks() {
        driver.get(appBaseUrl() + "/admin/");
        WebElement svg = driver.findElement(By.id("timeline"));
        List<WebElement> bars = svg.findElements(By.cssSelector("rect.bar"));
        assertEquals(ExpiryTimeline.WEEKS, bars.size());
        List<Long> counts = svg.findElements(By.cssSelector("text.count")).stream()
                .map(t -> Long.parseLong(t.getText().strip())).toList();
        Instant now = Instant.now();
        long[] weeks = new long[ExpiryTimeline.WEEKS];
        for (ConsentSeeds.Seeded c : seeded) {
            ConsentHealth h = HealthRules.assess(c.facts(), now);
            long week = Duration.between(now, h.reconsentBy()).toDays() / 7;
            if (!h.reconsentBy().isBefore(now) && week < ExpiryTimeline.WEEKS) {
                weeks[(int) week]++;
            }
        }
        assertEquals(java.util.Arrays.stream(weeks).boxed().toList(), counts);
        assertTrue(counts.stream().filter(n -> n > 0).count() >= 3, "bars in several weeks: " + counts);
        long tallest = counts.stream().mapToLong(Long::longValue).max().orElseThrow();
        int tallestIndex = counts.indexOf(tallest);
        assertEquals(Math.round(Double.parseDouble(bars.get(tallestIndex).getAttribute("height"))),
                110L, "the busiest week fills the chart");
        assertTrue(driver.findElements(By.cssSelector("script")).isEmpty(), "no script on the page");
    }

    @Test
    void theStateFilterAndPagingShowEachConsentOnce() throws Exception {
        driver.get(appBaseUrl() + "/admin/");
        new Select(driver.findElement(By.id("state"))).selectByValue(HealthState.MFA_MISSING.code());
        driver.findElement(By.id("search-button")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains("state=mfa-missing"));
        screenshot("dashboard-mfa-missing");
        long mfaMissing = expected.get(HealthState.MFA_MISSING);
        assertTrue(driver.findElement(By.id("matching")).getText().startsWith(mfaMissing + " consent(s) match"),
                driver.findElement(By.id("matching")).getText());
        Set<String> expectedTenants = seeded.stream()
                .filter(c -> HealthRules.assess(c.facts(), Instant.now()).state() == HealthState.MFA_MISSING)
                .map(ConsentSeeds.Seeded::tenantId).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (true) {
            List<WebElement> rows = driver.findElements(By.cssSelector("table#health tbody tr"));
            assertFalse(rows.isEmpty());
            for (WebElement row : rows) {
                assertEquals("mfa-missing", row.findElement(By.cssSelector(".health-state")).getText());
                assertTrue(seen.add(row.findElement(By.cssSelector("code.tenant")).getText()), "each consent once");
            }
            pages++;
            List<WebElement> next = driver.findElements(By.id("next-page"));
            if (next.isEmpty()) {
                break;
            }
            next.get(0).click();
            wait.until(ExpectedConditions.urlContains("page=" + pages));
        }
        assertEquals(expectedTenants, seen, "every mfa-missing consent, on " + pages + " pages");
        assertEquals((mfaMissing + 49) / 50, pages);
    }

    @Test
    void searchFindsAConsentByNameOrTenantId() {
        int i = 1234;
        String domain = ConsentSeeds.user(i).substring(ConsentSeeds.user(i).indexOf('@') + 1);
        driver.get(appBaseUrl() + "/admin/");
        WebElement q = driver.findElement(By.id("q"));
        q.clear();
        q.sendKeys(domain.toUpperCase(java.util.Locale.ROOT)); // case does not matter
        driver.findElement(By.id("search-button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("q="));
        List<WebElement> rows = driver.findElements(By.cssSelector("table#health tbody tr"));
        assertEquals(1, rows.size(), driver.findElement(By.id("matching")).getText());
        assertEquals(seeded.get(i).tenantId(), rows.get(0).findElement(By.cssSelector("code.tenant")).getText());

        String tenant = seeded.get(i).tenantId();
        driver.get(appBaseUrl() + "/admin/index.xhtml?q=" + tenant.substring(0, 13));
        Set<String> found = driver.findElements(By.cssSelector("table#health code.tenant")).stream()
                .map(WebElement::getText).collect(Collectors.toSet());
        assertTrue(found.contains(tenant), found.toString());
        assertTrue(found.stream().allMatch(t -> t.startsWith(tenant.substring(0, 13))), found.toString());
    }

    @Test
    void anUnknownStateIsAnsweredOnThePage() {
        driver.get(appBaseUrl() + "/admin/index.xhtml?state=dead");
        assertEquals("bad-request", driver.findElement(By.id("error-code")).getText());
        assertTrue(driver.findElement(By.id("error-detail")).getText().contains("needs-reconsent"));
    }
}
