package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.Paged;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.StoredOutcome;
import dev.partnerconsent.store.StoredRun;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@code admin/runs.xhtml}: a page of keep-alive runs, or with {@code run=<id>} that run's outcomes
 * ({@code outcome=failed|ok|all}), paged.
 */
@Named("runsView")
@RequestScoped
public class RunsView {

    static final int PAGE_SIZE = 50;

    private final Paged<StoredRun> runs;
    private final StoredRun run;
    private final Paged<StoredOutcome> outcomes;
    private final String outcome;
    private final Failure failure;
    private final Explanation explanation;

    @Inject
    public RunsView(ExternalContext context, RunHistory history, FailureCatalogue catalogue) {
        Map<String, String> params = context.getRequestParameterMap();
        Paged<StoredRun> loadedRuns = new Paged<>(List.of(), 0, PAGE_SIZE, 0);
        Paged<StoredOutcome> loadedOutcomes = new Paged<>(List.of(), 0, PAGE_SIZE, 0);
        StoredRun one = null;
        String only = Optional.ofNullable(params.get("outcome")).filter(o -> o.matches("all|failed|ok")).orElse("all");
        Failure failed = null;
        try {
            int page = AuditQuery.number("page", params.get("page"), 0);
            Optional<String> id = Optional.ofNullable(params.get("run")).filter(r -> r.matches("[A-Za-z0-9-]{1,36}"));
            if (id.isPresent()) {
                one = history.run(id.get()).orElse(null);
                loadedOutcomes = history.outcomes(id.get(), RunsApi.only(only), page, PAGE_SIZE);
            } else {
                loadedRuns = history.runs(page, PAGE_SIZE);
            }
        } catch (FailureException e) {
            failed = e.failure();
        }
        this.runs = loadedRuns;
        this.outcomes = loadedOutcomes;
        this.run = one;
        this.outcome = only;
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected RunsView() {
        this.runs = null;
        this.outcomes = null;
        this.run = null;
        this.outcome = null;
        this.failure = null;
        this.explanation = null;
    }

    public List<StoredRun> getRuns() {
        return runs.items();
    }

    public StoredRun getRun() {
        return run;
    }

    public List<StoredOutcome> getOutcomes() {
        return outcomes.items();
    }

    public long getOutcomesTotal() {
        return outcomes.total();
    }

    public String getOutcome() {
        return outcome;
    }

    public String getNextLink() {
        if (run != null) {
            return outcomes.hasNext() ? "runs.xhtml?run=" + enc(run.id()) + "&outcome=" + outcome + "&page="
                    + (outcomes.page() + 1) : "";
        }
        return runs.hasNext() ? "runs.xhtml?page=" + (runs.page() + 1) : "";
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
