package dev.partnerconsent.operator;

import dev.partnerconsent.customers.ApplicationConsents;
import dev.partnerconsent.customers.ConsentRun;
import dev.partnerconsent.customers.Customer;
import dev.partnerconsent.customers.CustomerConsentOutcome;
import dev.partnerconsent.customers.CustomerDirectory;
import dev.partnerconsent.customers.FlagCounts;
import dev.partnerconsent.customers.GdapFlag;
import dev.partnerconsent.customers.RefreshState;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.Paged;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/customers}: the partner's cached customers (paged, searchable, by flag), their refresh from Partner Center
 * and Graph, and application consents into them. Reading needs PartnerConsent.Reader, the rest .Operator
 * ({@link RequiredRole}). A consent that does not succeed is answered as its failure (the catalogue's JSON).
 */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomersApi {

    private final CustomerDirectory directory;
    private final ApplicationConsents consents;
    private final TenantActions actions;

    @Context
    private HttpServletRequest request;

    @Inject
    public CustomersApi(CustomerDirectory directory, ApplicationConsents consents, TenantActions actions) {
        this.directory = directory;
        this.consents = consents;
        this.actions = actions;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public CustomersApi() {
        this(null, null, null);
    }

    /** A page of customers with the flag counts of the same partner (or all). */
    public record CustomersAnswer(List<CustomerAnswer> customers, int page, int size, long total, boolean hasNext,
                                  FlagCounts flagCounts) {
    }

    /** A refresh of a partner's customers. */
    @jakarta.json.bind.annotation.JsonbNillable
    public record RefreshAnswer(String partnerTenantId, String trigger, boolean running, Instant startedAt, Instant endedAt,
                                String outcome, int customers, String detail) {
        static RefreshAnswer of(RefreshState s) {
            return new RefreshAnswer(s.partnerTenantId(), s.trigger(), s.running(), s.startedAt(), s.endedAt().orElse(null),
                    s.outcome().orElse(null), s.customers(), s.detail());
        }
    }

    /** An application-consent run. */
    @jakarta.json.bind.annotation.JsonbNillable
    public record ConsentRunAnswer(String id, String partnerTenantId, String applicationId, String trigger, Instant startedAt,
                                   int customers, double perSecond, boolean running, Instant endedAt, int ok, int failed) {
        static ConsentRunAnswer of(ConsentRun r) {
            return new ConsentRunAnswer(r.id(), r.partnerTenantId(), r.applicationId(), r.trigger(), r.startedAt(), r.customers(),
                    r.perSecond(), r.running(), r.endedAt().orElse(null), r.ok(), r.failed());
        }
    }

    /** An application consent into one customer that succeeded. */
    public record ConsentAnswer(String customerId, String tenantId, String companyName, String applicationId, String code,
                                String detail) {
    }

    /** {@code GET /api/customers?partner=&search=&flag=&page=&size=}. */
    @GET
    public Response list(@QueryParam("partner") String partner, @QueryParam("search") String search,
                         @QueryParam("flag") String flag, @QueryParam("page") String page, @QueryParam("size") String size)
            throws FailureException {
        Optional<String> p = optionalTenant(partner).map(TenantId::value);
        Paged<Customer> found = directory.search(p, search, flag(flag), AuditQuery.number("page", page, 0),
                AuditQuery.number("size", size, 50));
        return ApiAnswers.ok(new CustomersAnswer(found.items().stream().map(CustomerAnswer::of).toList(), found.page(),
                found.size(), found.total(), found.hasNext(), directory.flagCounts(p)));
    }

    /** {@code GET /api/customers/refresh?partner=}: the refresh going on, or the last one this node ran. */
    @GET
    @Path("refresh")
    public Response refreshState(@QueryParam("partner") String partner) throws FailureException {
        return ApiAnswers.ok(RefreshAnswer.of(directory.refreshState(tenant(partner)).orElseThrow(() -> new FailureException(
                FailureCode.NOT_FOUND, "The customers of this tenant have not been refreshed since the server started."))));
    }

    /** {@code POST /api/customers/refresh} with {@code partner}: 202; it runs in the background. */
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refresh(@FormParam("partner") String partner) throws FailureException {
        return Response.status(202).entity(RefreshAnswer.of(directory.startRefresh(tenant(partner), actions.who(request))))
                .header("Cache-Control", "no-store").build();
    }

    /** {@code GET /api/customers/{id}?partner=}. */
    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id, @QueryParam("partner") String partner) throws FailureException {
        return ApiAnswers.ok(CustomerAnswer.of(directory.customer(tenant(partner).value(), id).orElseThrow(() ->
                new FailureException(FailureCode.CUSTOMER_NOT_FOUND, "No cached customer of this tenant has that id."))));
    }

    /**
     * {@code POST /api/customers/{id}/application-consent} with {@code partner} and optionally {@code applicationId}:
     * consents now; 200 with the outcome, or the failure (pre-check, Partner Center's refusal, no customer-tenant token).
     */
    @POST
    @Path("{id}/application-consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response consentOne(@PathParam("id") String id, @FormParam("partner") String partner,
                               @FormParam("applicationId") String applicationId) throws FailureException {
        CustomerConsentOutcome o = consents.consentOne(tenant(partner), id, Optional.ofNullable(applicationId),
                actions.who(request));
        if (!o.ok()) {
            throw new FailureException(failure(o));
        }
        return ApiAnswers.ok(new ConsentAnswer(o.customerId(), o.tenantId(), o.companyName(), o.applicationId(), o.code(), o.detail()));
    }

    /**
     * {@code POST /api/customers/application-consent} with {@code partner}, {@code customer} (repeated; none: every cached
     * customer) and optionally {@code applicationId}: 202 with the run; its outcomes are in {@code /api/runs}.
     */
    @POST
    @Path("application-consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response consentMany(@FormParam("partner") String partner, @FormParam("customer") List<String> customers,
                                @FormParam("applicationId") String applicationId) throws FailureException {
        ConsentRun run = consents.start(tenant(partner), customers == null ? List.of() : customers,
                Optional.ofNullable(applicationId), actions.who(request));
        return Response.status(202).entity(ConsentRunAnswer.of(run)).header("Cache-Control", "no-store").build();
    }

    /** {@code GET /api/customers/application-consent?partner=}: the run going on, or the last one this node ran. */
    @GET
    @Path("application-consent")
    public Response consentRun(@QueryParam("partner") String partner) throws FailureException {
        return ApiAnswers.ok(consents.run(tenant(partner)).map(ConsentRunAnswer::of).orElseThrow(() -> new FailureException(FailureCode.NOT_FOUND,
                "No application-consent run of this tenant since the server started.")));
    }

    /** The outcome's failure as the catalogue answers it (Partner Center's 900421 is not one of our codes). */
    static Failure failure(CustomerConsentOutcome o) {
        return FailureCode.of(o.code()).map(c -> Failure.of(c, o.detail()))
                .orElseGet(() -> new Failure(o.code(), 403, o.detail(), EntraTrace.none()));
    }

    static Optional<GdapFlag> flag(String flag) throws FailureException {
        if (flag == null || flag.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(GdapFlag.of(flag.strip()).orElseThrow(() -> new FailureException(FailureCode.BAD_REQUEST,
                "flag must be one of no-active-relationship, ends-within-30-days, global-administrator, roles-insufficient.")));
    }

    private static Optional<TenantId> optionalTenant(String tenant) throws FailureException {
        return tenant == null || tenant.isBlank() ? Optional.empty() : Optional.of(tenant(tenant));
    }

    static TenantId tenant(String tenant) throws FailureException {
        return TenantId.parse(tenant == null ? "" : tenant.strip()).orElseThrow(() -> new FailureException(
                FailureCode.TENANT_ID_INVALID, "partner must be the partner's tenant id (a GUID)."));
    }
}
