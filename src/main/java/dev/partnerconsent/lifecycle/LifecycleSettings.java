package dev.partnerconsent.lifecycle;

import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of keep-alive, access checks and token use: {@link SettingsReader} reads them with the app's one policy
 * (missing or blank: the default; unreadable: a setup warning and the default), so a typo cannot stop the consent flow.
 */
@ApplicationScoped
public class LifecycleSettings {

    /** Entra ID lets an unused refresh token live 90 days. */
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(90);
    /** The inventory warns when a token dies within this many days. */
    public static final Duration WARNING_BAND = Duration.ofDays(14);

    private final ConsentSettings.LifecycleValues values;

    @Inject
    public LifecycleSettings(Settings settings) {
        this.values = settings.get().lifecycle();
    }

    /** For CDI's proxy only. */
    protected LifecycleSettings() {
        this.values = null;
    }

    public Duration interval() {
        return values.interval();
    }

    public Duration initialDelay() {
        return values.initialDelay();
    }

    public boolean enabled() {
        return values.enabled();
    }

    public int concurrency() {
        return values.concurrency();
    }

    public int keepVersions() {
        return values.keepVersions();
    }

    public double opsPerSecond() {
        return values.opsPerSecond();
    }

    public URI partnerCenterUrl() {
        return values.partnerCenterUrl();
    }

    public URI graphUrl() {
        return values.graphUrl();
    }
}
