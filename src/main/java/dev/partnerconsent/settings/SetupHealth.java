package dev.partnerconsent.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while a setting is invalid or a live probe fails; it counts problems and warnings, naming none. */
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

    /**
     * Status and counts only: the probe is public on most servers, and a finding names configured values (vault URL,
     * app id, certificate path). Operators read the findings at {@code /admin/setup.xhtml} or {@code GET /api/setup};
     * the server log has them too.
     */
    @Override
    public HealthCheckResponse call() {
        var problems = status.problems();
        return HealthCheckResponse.named("setup").status(problems.stream().noneMatch(SetupProblem::blocking))
                .withData("problems", problems.stream().filter(SetupProblem::blocking).count())
                .withData("warnings", problems.stream().filter(p -> !p.blocking()).count())
                .withData("details", "/admin/setup.xhtml (operators) and the server log")
                .build();
    }
}
