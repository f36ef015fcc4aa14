package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.Paged;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.StoredOutcome;
import dev.partnerconsent.store.StoredRun;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;

/**
 * {@code /api/runs}: the keep-alive run history, newest first, and each run's tenant outcomes (every one, paged).
 * Protected like the rest of the API (role {@code operator}).
 */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunsApi {

    private final RunHistory history;

    @Inject
    public RunsApi(RunHistory history) {
        this.history = history;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public RunsApi() {
        this(null);
    }

    /** A page of runs; {@code GET /api/runs?page=&size=}. */
    public record RunsAnswer(List<StoredRun> items, int page, int size, long total, boolean hasNext) {
    }

    /** A page of one run's outcomes. */
    public record OutcomesAnswer(StoredRun run, List<StoredOutcome> items, int page, int size, long total, boolean hasNext) {
    }

    @GET
    public Response runs(@QueryParam("page") String page, @QueryParam("size") String size) throws FailureException {
        Paged<StoredRun> p = history.runs(AuditQuery.number("page", page, 0), AuditQuery.number("size", size, 50));
        return ApiAnswers.ok(new RunsAnswer(p.items(), p.page(), p.size(), p.total(), p.hasNext()));
    }

    /** {@code GET /api/runs/{id}/outcomes?outcome=failed|ok|all&page=&size=}: in the order tenants were taken on. */
    @GET
    @Path("{id}/outcomes")
    public Response outcomes(@PathParam("id") String id, @QueryParam("outcome") String outcome,
                             @QueryParam("page") String page, @QueryParam("size") String size) throws FailureException {
        StoredRun run = history.run(id).orElseThrow(() -> new FailureException(FailureCode.NOT_FOUND,
                "No keep-alive run has the id '" + id.replaceAll("[^A-Za-z0-9-]", "?") + "'."));
        Paged<StoredOutcome> p = history.outcomes(id, only(outcome), AuditQuery.number("page", page, 0),
                AuditQuery.number("size", size, 100));
        return ApiAnswers.ok(new OutcomesAnswer(run, p.items(), p.page(), p.size(), p.total(), p.hasNext()));
    }

    static RunHistory.Only only(String outcome) throws FailureException {
        String o = outcome == null || outcome.isBlank() ? "all" : outcome.strip().toLowerCase(Locale.ROOT);
        return switch (o) {
            case "all" -> RunHistory.Only.ALL;
            case "failed" -> RunHistory.Only.FAILED;
            case "ok" -> RunHistory.Only.OK;
            default -> throw new FailureException(FailureCode.BAD_REQUEST, "outcome must be all, failed or ok.");
        };
    }
}
