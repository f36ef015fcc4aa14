package dev.partnerconsent.it.support;

import dev.partnerconsent.it.support.OperatorApi.Answer;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits on keep-alive runs through the operator API by polling the run report. A run is given as long as it keeps
 * going: the wait fails only when the report has not moved for {@link #STALL} (a hung run), not when a loaded machine
 * makes a paced run slow.
 */
public final class KeepAliveRuns {

    static final Duration STALL = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);

    private KeepAliveRuns() {
    }

    /** The report of run {@code runId} once it has ended. */
    public static JsonObject awaitEnd(OperatorApi api, String runId) throws Exception {
        return await(api, run -> run.getString("id").equals(runId) && !run.getBoolean("running"), "the run did not end");
    }

    /** Returns once no keep-alive run is going (an earlier test may have started one). */
    public static void awaitIdle(OperatorApi api) throws Exception {
        await(api, run -> run == null || !run.getBoolean("running"), "a run is still going");
    }

    private static JsonObject await(OperatorApi api, java.util.function.Predicate<JsonObject> done, String failure) throws Exception {
        String progress = null;
        Instant movedAt = Instant.now();
        while (true) {
            Answer a = api.get("/api/consents/refresh");
            JsonObject run = a.status() == 404 ? null : a.json();
            if (done.test(run)) {
                return run;
            }
            String now = progress(run);
            if (!now.equals(progress)) {
                progress = now;
                movedAt = Instant.now();
            } else if (Instant.now().isAfter(movedAt.plus(STALL))) {
                throw new AssertionError(failure + ", and its report has not moved for " + STALL.toSeconds() + " s: " + a.body());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What changes while a run works: the tenants it reached and their outcomes, its vault operations. */
    private static String progress(JsonObject run) {
        if (run == null) {
            return "none";
        }
        return run.getString("id") + " " + run.get("consents") + " " + run.get("refreshed") + " " + run.get("failed") + " "
                + run.get("skipped") + " " + run.get("keyVaultOperations");
    }
}
