package dev.partnerconsent.lifecycle;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The server's default managed executors (Jakarta Concurrency, the same on Payara and WildFly): keep-alive runs on
 * the scheduled one, its per-tenant work on the other. Tests hand in plain executors.
 */
@ApplicationScoped
public class ManagedExecutors {

    @Resource
    private ManagedExecutorService workers;
    @Resource
    private ManagedScheduledExecutorService scheduler;
    private ExecutorService workersOverride;
    private ScheduledExecutorService schedulerOverride;

    public ManagedExecutors() {
    }

    /** Plain executors, for running the lifecycle outside a container. */
    public ManagedExecutors(ExecutorService workers, ScheduledExecutorService scheduler) {
        this.workersOverride = workers;
        this.schedulerOverride = scheduler;
    }

    public ExecutorService workers() {
        return workersOverride != null ? workersOverride : workers;
    }

    public ScheduledExecutorService scheduler() {
        return schedulerOverride != null ? schedulerOverride : scheduler;
    }
}
