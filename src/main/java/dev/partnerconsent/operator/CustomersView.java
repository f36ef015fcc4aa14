package dev.partnerconsent.operator;

import dev.partnerconsent.customers.ApplicationConsents;
import dev.partnerconsent.customers.ConsentRun;
import dev.partnerconsent.customers.Customer;
import dev.partnerconsent.customers.CustomerDirectory;
import dev.partnerconsent.customers.FlagCounts;
import dev.partnerconsent.customers.GdapFlag;
import dev.partnerconsent.customers.GdapRoles;
import dev.partnerconsent.customers.RefreshState;
import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.Paged;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@code admin/customers.xhtml}: a page of a partner's cached customers (search, flag filter, paging), the flag
 * counts, the last refresh and consent run, and the notice of the last action.
 */
@Named("customersView")
@RequestScoped
public class CustomersView {

    static final int PAGE_SIZE = 25;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String partner;
    private final String search;
    private final String flag;
    private final String notice;
    private final Paged<Customer> page;
    private final FlagCounts counts;
    private final RefreshState refresh;
    private final ConsentRun run;
    private final Failure failure;
    private final Explanation explanation;
    private final FailureCatalogue catalogue;

    @Inject
    public CustomersView(ExternalContext context, CustomerDirectory directory, ApplicationConsents consents,
                         FailureCatalogue catalogue) {
        this.catalogue = catalogue;
        Map<String, String> params = context.getRequestParameterMap();
        Optional<TenantId> tenant = TenantId.parse(Optional.ofNullable(params.get("partner")).orElse("").strip());
        this.search = Optional.ofNullable(params.get("search")).map(String::strip).map(s -> s.length() > 100 ? s.substring(0, 100) : s)
                .orElse("");
        Optional<GdapFlag> f = Optional.ofNullable(params.get("flag")).flatMap(GdapFlag::of);
        this.flag = f.map(GdapFlag::code).orElse("");
        this.notice = Optional.ofNullable(params.get("notice")).filter(n -> n.matches("[A-Za-z0-9-]{1,40}")).orElse("");
        Paged<Customer> loaded = new Paged<>(List.of(), 0, PAGE_SIZE, 0);
        FlagCounts c = new FlagCounts(0, 0, 0, 0, 0);
        Failure failed = null;
        try {
            int pageNo = AuditQuery.number("page", params.get("page"), 0);
            loaded = directory.search(tenant.map(TenantId::value), search, f, pageNo, PAGE_SIZE);
            c = directory.flagCounts(tenant.map(TenantId::value));
        } catch (FailureException e) {
            failed = e.failure();
        }
        // the partner of the page: the one asked for, else the first listed customer's
        Optional<String> first = loaded.items().stream().findFirst().map(Customer::partnerTenantId);
        this.partner = tenant.map(TenantId::value).or(() -> first).orElse("");
        this.page = loaded;
        this.counts = c;
        Optional<TenantId> shown = TenantId.parse(partner);
        this.refresh = shown.flatMap(directory::refreshState).orElse(null);
        this.run = shown.flatMap(consents::run).orElse(null);
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected CustomersView() {
        this.partner = "";
        this.search = "";
        this.flag = "";
        this.notice = "";
        this.page = null;
        this.counts = null;
        this.refresh = null;
        this.run = null;
        this.failure = null;
        this.explanation = null;
        this.catalogue = null;
    }

    public List<Customer> getCustomers() {
        return page.items();
    }

    public long getTotal() {
        return page.total();
    }

    public int getPageNumber() {
        return page.page() + 1;
    }

    public String getPreviousLink() {
        return page.page() == 0 ? "" : link(page.page() - 1);
    }

    public String getNextLink() {
        return page.hasNext() ? link(page.page() + 1) : "";
    }

    private String link(int p) {
        return "customers.xhtml?partner=" + enc(partner) + "&search=" + enc(search) + "&flag=" + enc(flag) + "&page=" + p;
    }

    /** The link that filters this page by one flag. */
    public String flagLink(String code) {
        return "customers.xhtml?partner=" + enc(partner) + "&search=" + enc(search) + "&flag=" + enc(code);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public FlagCounts getCounts() {
        return counts;
    }

    /** How many customers carry the flag. */
    public long count(GdapFlag f) {
        return switch (f) {
            case NO_ACTIVE -> counts.noActiveRelationship();
            case ENDS_SOON -> counts.endsWithin30Days();
            case GLOBAL_ADMIN -> counts.globalAdministrator();
            case ROLES_INSUFFICIENT -> counts.rolesInsufficient();
        };
    }

    public String getPartner() {
        return partner;
    }

    public String getSearch() {
        return search;
    }

    public String getFlag() {
        return flag;
    }

    public List<GdapFlag> getFlags() {
        return Arrays.asList(GdapFlag.values());
    }

    /** The flags this customer carries, as the page words them. */
    public List<GdapFlag> flagsOf(Customer c) {
        return Arrays.stream(GdapFlag.values()).filter(f -> f.on(c.gdap())).toList();
    }

    /** "Will fail because…" for a consent into this customer, or empty when nothing stands in its way. */
    public String precheck(Customer c) {
        return ApplicationConsents.precheck(c).map(f -> f.detail()).orElse("");
    }

    public String roles(Customer c) {
        return c.gdap().roles().isEmpty() ? "—" : String.join(", ", c.gdap().roles().stream().map(GdapRoles::name).toList());
    }

    public String day(Optional<Instant> t) {
        return t.map(DAY::format).orElse("—");
    }

    public RefreshState getRefresh() {
        return refresh;
    }

    public ConsentRun getRun() {
        return run;
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }




    public String getNotice() {
        return notice;
    }

    public String getNoticeText() {
        return switch (notice) {
            case "" -> "";
            case "refresh-started" -> "Refreshing the customers from Partner Center and Graph; reload to see them.";
            case "consent-started" -> "Application consent started for the selected customers; each outcome shows in its row and in the run history.";
            case "created", "replaced", "unchanged" -> "The application consent is in place (" + notice
                    + ") and a token of the customer's tenant was obtained.";
            default -> notice + " — " + catalogue.find(notice).map(Explanation::title).orElse("see the catalogue");
        };
    }
}
