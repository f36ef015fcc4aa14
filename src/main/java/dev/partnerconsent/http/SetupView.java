package dev.partnerconsent.http;

import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SetupStatus;
import dev.partnerconsent.settings.SetupProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * Backs {@code setup.xhtml} (anyone: the verdict and which settings need attention), {@code admin/setup.xhtml}
 * (operators: every finding with its fix) and the start page's warning.
 */
@Named("setupView")
@RequestScoped
public class SetupView {

    private final Settings settings;
    private final SetupStatus status;
    private List<SetupProblem> problems;

    @Inject
    public SetupView(Settings settings, SetupStatus status) {
        this.settings = settings;
        this.status = status;
    }

    protected SetupView() {
        this.settings = null;
        this.status = null;
    }

    public boolean isReady() {
        return getProblems().stream().noneMatch(SetupProblem::blocking);
    }

    /** Computed once per request: the probes behind it are cached, but not free. */
    public List<SetupProblem> getProblems() {
        if (problems == null) {
            problems = status.problems();
        }
        return problems;
    }

    /**
     * The settings and checks that have a problem, without what is wrong with them: what anonymous visitors see. The
     * problems name configured values (vault URLs, app ids, certificate paths); operators and the server log get them.
     */
    public List<String> getProblemKeys() {
        return getProblems().stream().map(SetupProblem::key).distinct().toList();
    }

    public long getWarningCount() {
        return getProblems().stream().filter(p -> !p.blocking()).count();
    }

    public long getBlockingCount() {
        return getProblems().stream().filter(SetupProblem::blocking).count();
    }

    public List<String> getProbed() {
        return status.probeRun().probed();
    }

    public String getSettingsSummary() {
        return settings.get().toString();
    }
}
