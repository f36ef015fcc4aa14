package dev.partnerconsent.it.support;

import dev.partnerconsent.it.support.OperatorApi.Answer;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/** Waits on keep-alive runs through the operator API, polling its run report until a deadline. */
public final class KeepAliveRuns {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);

    private KeepAliveRuns() {
    }

    /** The report of run {@code runId} once it has ended. */
    public static JsonObject awaitEnd(OperatorApi api, String runId) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            Answer a = api.get("/api/consents/refresh");
            JsonObject run = a.json();
            if (run.getString("id").equals(runId) && !run.getBoolean("running")) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the run did not end in time: " + a.body());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Returns once no keep-alive run is going (an earlier test may have started one). */
    public static void awaitIdle(OperatorApi api) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            Answer a = api.get("/api/consents/refresh");
            if (a.status() == 404 || !a.json().getBoolean("running")) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("a run is still going: " + a.body());
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
