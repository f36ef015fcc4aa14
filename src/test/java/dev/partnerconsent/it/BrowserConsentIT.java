package dev.partnerconsent.it;

import dev.partnerconsent.it.support.AppSettings;
import dev.partnerconsent.it.support.Chromium;
import dev.partnerconsent.it.support.InContainer;
import dev.partnerconsent.standin.entra.DemoTenants;
import dev.partnerconsent.standin.entra.IdTokenTamper;
import dev.partnerconsent.standin.entra.Match;
import dev.partnerconsent.standin.entra.TamperRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real browser (Debian's Chromium, headless) clicks "Grant consent", fills the local Entra ID's login page and
 * lands on the result page; screenshots go to {@code target/screenshots}. This deployment runs in the sample's
 * "warn only" MFA mode and with verbose diagnostics, to show both as an operator sees them.
 */
@AppSettings({"partnerconsent.require-mfa=false", "partnerconsent.diagnostics.verbose=true"})
class BrowserConsentIT extends InContainer {

    private static ChromeDriver driver;

    @BeforeAll
    static void openBrowser() throws Exception {
        driver = Chromium.start("consent", 1280, 1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }

    @Test
    void partnerAdminGrantsConsentInABrowser() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(appBaseUrl() + "/");
        screenshot("1-start");
        driver.findElement(By.id("grant-consent")).click();

        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        screenshot("2-login");
        user.clear();
        user.sendKeys("admin@contosopartner.onmicrosoft.com");
        WebElement tenant = driver.findElement(By.id("tenant"));
        tenant.clear();
        tenant.sendKeys(DemoTenants.CONTOSO_PARTNER.id());
        assertTrue(driver.findElement(By.id("mfa")).isSelected(), "MFA is ticked by default");
        driver.findElement(By.id("signin")).click();

        WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1")));
        screenshot("3-result");
        assertEquals("Consent successful", heading.getText(), driver.getPageSource());
        assertEquals(DemoTenants.CONTOSO_PARTNER.id(), driver.findElement(By.id("tenant-id")).getText());
        assertEquals("admin@contosopartner.onmicrosoft.com", driver.findElement(By.id("user")).getText());
        assertEquals(DemoTenants.CONTOSO_PARTNER.id(), driver.findElement(By.id("secret-name")).getText());
        String version = driver.findElement(By.id("secret-version")).getText();
        assertEquals(version, standIns().vault().secret(DemoTenants.CONTOSO_PARTNER.id()).orElseThrow().latest().version());
        String token = standIns().entra().lastRefreshToken(DemoTenants.CONTOSO_PARTNER.id()).orElseThrow();
        assertFalse(driver.getPageSource().contains(token), "the page never shows the refresh token");
        assertTrue(driver.findElements(By.id("mfa-warning")).isEmpty(), "no MFA warning when MFA was used");
    }

    @Test
    void withoutMfaInWarnModeTheConsentIsStoredWithARedWarning() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(appBaseUrl() + "/consent/start?login_hint=ops%40fabrikam.onmicrosoft.com");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertEquals("ops@fabrikam.onmicrosoft.com", user.getAttribute("value"), "login_hint reaches the login page");
        WebElement tenant = driver.findElement(By.id("tenant"));
        tenant.clear();
        tenant.sendKeys(DemoTenants.FABRIKAM.id());
        driver.findElement(By.id("mfa")).click();
        driver.findElement(By.id("signin")).click();
        WebElement warning = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-warning")));
        screenshot("4-result-without-mfa");
        assertTrue(warning.getText().contains("no multi-factor authentication"), warning.getText());
        assertTrue(warning.getCssValue("border-left-color").matches("rgba?\\(207, 34, 46(, 1)?\\)"), "the warning is red");
        assertTrue(driver.findElement(By.id("mfa")).getText().startsWith("No"));
        assertEquals("false", standIns().vault().secret(DemoTenants.FABRIKAM.id()).orElseThrow().latest().tags().get("mfa"));
    }

    @Test
    void verboseModeShowsClaimsButNeverTheToken() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try (var ignored = standIns().entra().script(TamperRule.of(IdTokenTamper.WRONG_AUD).matching(Match.tenant(DemoTenants.NORTHWIND.id())))) {
            driver.get(appBaseUrl() + "/consent/start?login_hint=ops%40northwindtraders.onmicrosoft.com");
            WebElement tenant = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tenant")));
            tenant.clear();
            tenant.sendKeys(DemoTenants.NORTHWIND.id());
            driver.findElement(By.id("signin")).click();
            try {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-code")));
            } finally {
                screenshot("5-error-verbose");
            }
            WebElement details = driver.findElement(By.id("error-context"));
            assertEquals("id-token-audience", driver.findElement(By.id("error-code")).getText());
            String text = details.getText();
            assertTrue(text.contains("id_token.aud"), text);
            assertTrue(text.contains("id_token.tid " + DemoTenants.NORTHWIND.id()), text);
            assertTrue(text.contains("id_token.header.alg RS256"), text);
            String page = driver.getPageSource();
            for (String secret : standIns().entra().issuedSecrets()) {
                assertFalse(secret.length() > 12 && page.contains(secret), "no issued token or code on the page");
            }
        }
    }
}
