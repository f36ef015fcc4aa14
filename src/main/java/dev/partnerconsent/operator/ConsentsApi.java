package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.lifecycle.AccessCheck;
import dev.partnerconsent.lifecycle.IssuedAccessToken;
import dev.partnerconsent.lifecycle.Inventory;
import dev.partnerconsent.lifecycle.TokenUse;
import dev.partnerconsent.lifecycle.KeepAlive;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.settings.SettingsCheck;
import dev.partnerconsent.web.Refusals;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.Optional;

/**
 * {@code /api/consents}: the inventory (paged) and keep-alive on demand. Every answer is JSON; failures carry the
 * catalogue's explanation. Protected by {@link OperatorAuthentication} (role {@code operator}, web.xml).
 */
@Path("consents")
@RequestScoped
@RolesAllowed(OperatorSettings.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentsApi {

    private final Inventory inventory;
    private final KeepAlive keepAlive;
    private final Refusals refusals;
    private final TenantActions actions;
    private final AccessCheck accessCheck;
    private final TokenUse tokenUse;

    @Context
    private HttpServletRequest request;

    @Inject
    public ConsentsApi(Inventory inventory, KeepAlive keepAlive, Refusals refusals, TenantActions actions,
                       AccessCheck accessCheck, TokenUse tokenUse) {
        this.inventory = inventory;
        this.keepAlive = keepAlive;
        this.refusals = refusals;
        this.actions = actions;
        this.accessCheck = accessCheck;
        this.tokenUse = tokenUse;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call (RESTEASY-1538); CDI uses the other. */
    public ConsentsApi() {
        this(null, null, null, null, null, null);
    }

    /** {@code GET /api/consents?cursor=…}: one page (up to 25) and the cursor of the next page. */
    @GET
    public Response list(@QueryParam("cursor") String cursor) {
        try {
            return ok(Json.page(inventory.page(Optional.ofNullable(cursor).filter(c -> !c.isBlank())),
                    request.getContextPath()).toString());
        } catch (FailureException e) {
            return failure(e.failure());
        }
    }

    /**
     * {@code GET /api/consents/refresh}: the run going on, else the last one, with the keep-alive counters since the
     * server started ({@code runs}, {@code refreshed}, {@code failed.<code>}).
     */
    @GET
    @Path("refresh")
    public Response runStatus() {
        return keepAlive.running().or(keepAlive::lastRun)
                .map(r -> ok(Json.withMetrics(Json.run(r), keepAlive.metrics()).toString()))
                .orElseGet(() -> failure(Failure.of(FailureCode.NOT_FOUND, "No keep-alive run has happened since the server started.")));
    }

    /** {@code POST /api/consents/refresh}: starts a run over every consent; 202, or 409 while one runs. */
    @POST
    @Path("refresh")
    public Response refreshAll() {
        Optional<RunReport> started = keepAlive.start(Optional.empty(), actions.who(request));
        return started.map(r -> Response.status(202).entity(Json.run(r).toString()).build())
                .orElseGet(this::busy);
    }

    /** {@code POST /api/consents/{tenant}/refresh}: refreshes one tenant now and answers its outcome. */
    @POST
    @Path("{tenant}/refresh")
    public Response refreshOne(@PathParam("tenant") String tenant) {
        if (!SettingsCheck.isGuid(tenant)) {
            return failure(Failure.of(FailureCode.TENANT_ID_INVALID, "'" + tenant + "' is not a tenant id (a GUID)."));
        }
        return keepAlive.runNow(Optional.of(tenant), actions.who(request))
                .map(r -> ok(Json.run(r).toString()))
                .orElseGet(this::busy);
    }

    /**
     * {@code POST /api/consents/{tenant}/check}: redeems for Partner Center and Graph and calls each; 200 with the
     * outcome of both (a failed check is an answer, not an error).
     */
    @POST
    @Path("{tenant}/check")
    public Response check(@PathParam("tenant") String tenant) {
        if (!SettingsCheck.isGuid(tenant)) {
            return failure(Failure.of(FailureCode.TENANT_ID_INVALID, "'" + tenant + "' is not a tenant id (a GUID)."));
        }
        return ok(Json.check(accessCheck.check(tenant), refusals).toString());
    }

    /**
     * {@code POST /api/consents/{tenant}/access-token} with form fields {@code scope} and optionally
     * {@code customerTenantId}: a short-lived access token and its expiry. Audited; the response is never cached.
     */
    @POST
    @Path("{tenant}/access-token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accessToken(@PathParam("tenant") String tenant, @FormParam("scope") String scope,
                                @FormParam("customerTenantId") String customer) {
        if (!SettingsCheck.isGuid(tenant)) {
            return failure(Failure.of(FailureCode.TENANT_ID_INVALID, "'" + tenant + "' is not a tenant id (a GUID)."));
        }
        try {
            IssuedAccessToken issued = tokenUse.issue(tenant, scope,
                    Optional.ofNullable(customer).map(String::strip).filter(c -> !c.isEmpty()), actions.who(request));
            return ok(Json.token(issued).toString());
        } catch (FailureException e) {
            return failure(e.failure());
        }
    }

    private Response busy() {
        String going = keepAlive.running().map(r -> " Run " + r.id() + " (started by " + r.trigger() + " at "
                + r.startedAt() + ") is still going.").orElse("");
        return failure(Failure.of(FailureCode.KEEPALIVE_BUSY, "A keep-alive run is going; runs never overlap." + going));
    }

    private static Response ok(String json) {
        return Response.ok(json).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    Response failure(Failure f) {
        return Response.status(f.httpStatus()).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").entity(refusals.json(f).toString()).build();
    }
}
