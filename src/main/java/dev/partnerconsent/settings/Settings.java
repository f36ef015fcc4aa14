package dev.partnerconsent.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.logging.Logger;

/**
 * The application's settings and their check, read once at startup.
 * Injected wherever settings are needed; the only CDI bean that touches {@link Config}.
 */
@ApplicationScoped
public class Settings {

    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    private final ConsentSettings current;
    private final List<SetupProblem> problems;

    @Inject
    public Settings(Config config) {
        this.current = SettingsReader.read(config);
        this.problems = SettingsCheck.check(current);
    }

    /** For CDI's proxy only. */
    protected Settings() {
        this.current = null;
        this.problems = List.of();
    }

    /** Reports the setup check in the server log as soon as the application starts. */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (ready()) {
            LOG.info(() -> "PartnerConsent settings OK: " + current);
            problems.forEach(p -> LOG.info(() -> "PartnerConsent setup " + p.summary()));
        } else {
            problems.forEach(p -> LOG.warning(() -> "PartnerConsent setup problem: " + p.summary()));
        }
    }

    public ConsentSettings get() {
        return current;
    }

    public List<SetupProblem> problems() {
        return problems;
    }

    /** True when no setting blocks a consent (warnings allowed). */
    public boolean ready() {
        return problems.stream().noneMatch(SetupProblem::blocking);
    }
}
