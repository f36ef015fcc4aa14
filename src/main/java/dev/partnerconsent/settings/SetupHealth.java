package dev.partnerconsent.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN, with the reasons, while a setting is invalid or a live probe fails; warnings ride along. */
@Readiness
@ApplicationScoped
public class SetupHealth implements HealthCheck {

    private final SetupStatus status;

    @Inject
    public SetupHealth(SetupStatus status) {
        this.status = status;
    }

    protected SetupHealth() {
        this.status = null;
    }

    @Override
    public HealthCheckResponse call() {
        var problems = status.problems();
        var builder = HealthCheckResponse.named("setup").status(problems.stream().noneMatch(SetupProblem::blocking));
        int i = 1;
        for (SetupProblem p : problems) {
            builder.withData((p.blocking() ? "problem-" : "warning-") + i++, p.summary());
        }
        return builder.build();
    }
}
