package dev.partnerconsent.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN, with the reasons, while the settings cannot work. */
@Readiness
@ApplicationScoped
public class SettingsHealth implements HealthCheck {

    private final Settings settings;

    @Inject
    public SettingsHealth(Settings settings) {
        this.settings = settings;
    }

    protected SettingsHealth() {
        this.settings = null;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("settings").status(settings.ready());
        int i = 1;
        for (SetupProblem p : settings.problems()) {
            builder.withData("problem-" + i++, p.summary());
        }
        return builder.build();
    }
}
