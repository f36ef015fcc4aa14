package dev.partnerconsent.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Everything the setup check knows: settings problems, problems found while deploying (the callback path), and the
 * live probes' latest findings. Probes are re-run at most every {@link #PROBE_INTERVAL}, so the readiness probe and the
 * setup page never hammer Entra ID or Key Vault.
 */
@ApplicationScoped
public class SetupStatus {

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(SetupStatus.class.getName());

    private final Settings settings;
    private final Instance<LiveProbe> probes;
    private final Clock clock;
    private final List<SetupProblem> deploymentProblems = new CopyOnWriteArrayList<>();
    private volatile ProbeRun lastRun;

    /** The findings of one run of every probe. */
    public record ProbeRun(Instant at, List<String> probed, List<SetupProblem> problems) {
    }

    @Inject
    public SetupStatus(Settings settings, @Any Instance<LiveProbe> probes, Clock clock) {
        this.settings = settings;
        this.probes = probes;
        this.clock = clock;
    }

    protected SetupStatus() {
        this.settings = null;
        this.probes = null;
        this.clock = null;
    }

    /** Recorded by deployment-time code, e.g. a redirect URI whose path this application cannot serve. */
    public void reportDeploymentProblem(SetupProblem problem) {
        deploymentProblems.add(problem);
    }

    /** All problems, blocking first: settings, deployment, then the live probes' findings. */
    public List<SetupProblem> problems() {
        List<SetupProblem> all = new ArrayList<>(settings.problems());
        all.addAll(deploymentProblems);
        all.addAll(probeRun().problems());
        all.sort((a, b) -> Boolean.compare(b.blocking(), a.blocking()));
        return all;
    }

    public boolean ready() {
        return problems().stream().noneMatch(SetupProblem::blocking);
    }

    /** The latest probe findings, re-running the probes if they are older than the interval. */
    public synchronized ProbeRun probeRun() {
        ProbeRun run = lastRun;
        Instant now = clock.instant();
        if (run == null || run.at().plus(PROBE_INTERVAL).isBefore(now)) {
            List<String> names = new ArrayList<>();
            List<SetupProblem> found = new ArrayList<>();
            for (LiveProbe probe : probes) {
                names.add(probe.name());
                found.addAll(probe.run());
            }
            run = new ProbeRun(now, List.copyOf(names), List.copyOf(found));
            if (!found.isEmpty()) {
                found.forEach(p -> LOG.warning(() -> "PartnerConsent live probe: " + p.summary()));
            }
            lastRun = run;
        }
        return run;
    }
}
