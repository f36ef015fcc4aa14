package dev.partnerconsent.dashboard;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.lifecycle.HealthBackfill;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/health/backfill} (role Operator): brings the health ledger up to the vault now — what every node
 * does on its own a little after it starts — for when consents reached the vault some other way (a restore from
 * backup, another tool). Lists secrets, reads no value; answers when done.
 */
@Path("health/backfill")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthBackfillApi {

    private final HealthBackfill backfill;

    /** @param added consents the ledger did not know, now added from their secrets' tags */
    public record BackfillAnswer(int added) {
    }

    @Inject
    public HealthBackfillApi(HealthBackfill backfill) {
        this.backfill = backfill;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public HealthBackfillApi() {
        this(null);
    }

    @POST
    public Response run() throws FailureException {
        return NoStore.ok(new BackfillAnswer(backfill.run()));
    }
}
