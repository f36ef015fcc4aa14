package dev.partnerconsent.dashboard;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.NoStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/health-summary}: the dashboard's counts for monitoring (role reader, like every GET of the API). */
@Path("health-summary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthSummaryApi {

    private final HealthOverview overview;

    @Inject
    public HealthSummaryApi(HealthOverview overview) {
        this.overview = overview;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public HealthSummaryApi() {
        this(null);
    }

    @GET
    public Response summary() throws FailureException {
        return NoStore.ok(HealthSummaryAnswer.of(overview.summary()));
    }
}
