package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.lifecycle.AccessCheck;
import dev.partnerconsent.lifecycle.Inventory;
import dev.partnerconsent.lifecycle.KeepAlive;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.settings.SettingsCheck;
import dev.partnerconsent.http.Refusals;
import dev.partnerconsent.lifecycle.TokenUse;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code /api/consents}: the inventory (paged) and keep-alive on demand. Every answer is a record serialized by JSON-B;
 * failures are thrown and answered with the catalogue's explanation by {@link dev.partnerconsent.http.FailureMapper}.
 * Protected by {@link OperatorAuthentication}: reading needs PartnerConsent.Reader, refresh and check .Operator, access
 * tokens .TokenIssuer ({@link RequiredRole}).
 */
@Path("consents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsentsApi {

    private final Inventory inventory;
    private final KeepAlive keepAlive;
    private final TenantActions actions;
    private final AccessCheck accessCheck;
    private final TokenUse tokenUse;
    private final TokenPolicy tokenPolicy;
    private final FailureCatalogue catalogue;
    private final Clock clock;

    @Context
    private HttpServletRequest request;

    @Inject
    public ConsentsApi(Inventory inventory, KeepAlive keepAlive, TenantActions actions, AccessCheck accessCheck,
                       TokenUse tokenUse, TokenPolicy tokenPolicy, FailureCatalogue catalogue, Clock clock) {
        this.inventory = inventory;
        this.keepAlive = keepAlive;
        this.actions = actions;
        this.accessCheck = accessCheck;
        this.tokenUse = tokenUse;
        this.tokenPolicy = tokenPolicy;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call (RESTEASY-1538); CDI uses the other. */
    public ConsentsApi() {
        this(null, null, null, null, null, null, null, null);
    }

    /** {@code GET /api/consents?cursor=…}: one page (up to 25) and the cursor of the next page. */
    @GET
    public Response list(@QueryParam("cursor") String cursor) throws FailureException {
        return ApiAnswers.ok(ConsentsAnswer.of(inventory.page(Optional.ofNullable(cursor).filter(c -> !c.isBlank())),
                request.getContextPath()));
    }

    /**
     * {@code GET /api/consents/refresh}: the run going on, else the last one, with the keep-alive counters since the
     * server started ({@code runs}, {@code refreshed}, {@code failed.<code>}).
     */
    @GET
    @Path("refresh")
    public Response runStatus() throws FailureException {
        return ApiAnswers.ok(keepAlive.running().or(keepAlive::lastRun).map(RunAnswer::of)
                .orElseThrow(() -> new FailureException(FailureCode.NOT_FOUND,
                        "No keep-alive run has happened since the server started."))
                .withMetrics(keepAlive.metrics()));
    }

    /** {@code POST /api/consents/refresh}: starts a run over every consent; 202, or 409 while one runs. */
    @POST
    @Path("refresh")
    public Response refreshAll() throws FailureException {
        RunAnswer started = RunAnswer.of(keepAlive.start(Optional.empty(), actions.who(request)).orElseThrow(this::busy));
        return Response.status(202).entity(started).build();
    }

    /** {@code POST /api/consents/{tenant}/refresh}: refreshes one tenant now and answers its outcome. */
    @POST
    @Path("{tenant}/refresh")
    public Response refreshOne(@PathParam("tenant") String tenant) throws FailureException {
        return ApiAnswers.ok(RunAnswer.of(keepAlive.runNow(Optional.of(tenant(tenant)), actions.who(request)).orElseThrow(this::busy)));
    }

    /**
     * {@code POST /api/consents/{tenant}/check}: redeems for Partner Center and Graph and calls each; 200 with the
     * outcome of both (a failed check is an answer, not an error).
     */
    @POST
    @Path("{tenant}/check")
    public Response check(@PathParam("tenant") String tenant) throws FailureException {
        return ApiAnswers.ok(CheckAnswer.of(accessCheck.check(tenant(tenant), actions.who(request)), catalogue));
    }

    /**
     * {@code POST /api/consents/{tenant}/access-token} with form fields {@code scope} and optionally
     * {@code customerTenantId}: a short-lived access token and its expiry. Audited; the response is never cached.
     */
    @POST
    @Path("{tenant}/access-token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accessToken(@PathParam("tenant") String tenant, @FormParam("scope") String scope,
                                @FormParam("customerTenantId") String customer) throws FailureException {
        TenantId partner = tenant(tenant);
        Optional<String> given = Optional.ofNullable(customer).map(String::strip).filter(c -> !c.isEmpty());
        Optional<TenantId> customerTenant = given.map(c -> TenantId.parse(c).orElse(null));
        if (given.isPresent() && customerTenant.isEmpty()) {
            throw new FailureException(FailureCode.SCOPE_INVALID, "The customer tenant id is not a GUID.");
        }
        tokenPolicy.check((OperatorIdentity) request.getAttribute(OperatorIdentity.REQUEST_ATTRIBUTE), partner, scope);
        return ApiAnswers.ok(AccessTokenAnswer.of(tokenUse.issue(partner, scope, customerTenant, actions.who(request)), clock));
    }

    private static TenantId tenant(String tenant) throws FailureException {
        return TenantId.parse(tenant).orElseThrow(() -> new FailureException(FailureCode.TENANT_ID_INVALID,
                "'" + tenant + "' is not a tenant id (a GUID)."));
    }

    private FailureException busy() {
        String going = keepAlive.running().map(r -> " Run " + r.id() + " (started by " + r.trigger() + " at "
                + r.startedAt() + ") is still going.").orElse("");
        return new FailureException(FailureCode.KEEPALIVE_BUSY, "A keep-alive run is going; runs never overlap." + going);
    }
}
