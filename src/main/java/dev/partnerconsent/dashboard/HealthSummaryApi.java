package dev.partnerconsent.dashboard;

import dev.partnerconsent.customers.CustomerDirectory;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.NoStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code GET /api/health-summary}: the dashboard's counts for monitoring (role reader, like every GET of the API): the
 * consents' health and the customers' GDAP flags.
 */
@Path("health-summary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthSummaryApi {

    private final HealthOverview overview;
    private final CustomerDirectory customers;

    @Inject
    public HealthSummaryApi(HealthOverview overview, CustomerDirectory customers) {
        this.overview = overview;
        this.customers = customers;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public HealthSummaryApi() {
        this(null, null);
    }

    @GET
    public Response summary() throws FailureException {
        return NoStore.ok(HealthSummaryAnswer.of(overview.summary(), customers.flagCounts(Optional.empty())));
    }
}
