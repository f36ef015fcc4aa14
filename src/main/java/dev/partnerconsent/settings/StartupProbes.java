package dev.partnerconsent.settings;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the live probes once in the background a while after deployment, so their findings are in the log (and cached
 * for the first readiness check) without delaying startup. Not at once: a thread loading the app's classes while the
 * web container is still starting it can meet the JAR files the container closes and reopens at the end of its start
 * (GlassFish's {@code closeJARs}, payara/Payara#693); a class whose initialisation fails so ("zip file closed") stays
 * broken until the app is redeployed. A readiness check or a consent before then probes by itself.
 */
@ApplicationScoped
public class StartupProbes {

    static final Duration DELAY = Duration.ofSeconds(60);

    @Resource
    private ManagedScheduledExecutorService executor;

    @Inject
    private SetupStatus status;

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        executor.schedule(status::problems, DELAY.toSeconds(), TimeUnit.SECONDS);
    }
}
