package dev.partnerconsent.settings;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the live probes once right after deployment, in the background, so their findings are in the log (and cached
 * for the first readiness check) without delaying startup.
 */
@ApplicationScoped
public class StartupProbes {

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private SetupStatus status;

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        executor.submit(status::problems);
    }
}
