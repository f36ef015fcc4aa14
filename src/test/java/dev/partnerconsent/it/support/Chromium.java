package dev.partnerconsent.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Debian's Chromium, headless, driven by its chromedriver, for the in-container tests' browsers and screenshots. */
public final class Chromium {

    private Chromium() {
    }

    /**
     * A new browser with a profile of its own under {@code target/} (a cookie an earlier run left would otherwise skip
     * a sign-in).
     */
    public static ChromeDriver start(String name, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile-" + name + "-")
                .toAbsolutePath();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public static void screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Opens {@code url}, which sends the browser to the local Entra ID's sign-in, signs in there as {@code user} of
     * {@code tenant} (with MFA, the form's default) and waits until the page shows {@code landedOn}.
     */
    public static void signIn(ChromeDriver driver, String url, String user, String tenant, By landedOn) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(url);
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        username.clear();
        username.sendKeys(user);
        WebElement tenantField = driver.findElement(By.id("tenant"));
        tenantField.clear();
        tenantField.sendKeys(tenant);
        driver.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(landedOn));
    }
}
