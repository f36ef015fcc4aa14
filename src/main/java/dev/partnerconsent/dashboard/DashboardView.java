package dev.partnerconsent.dashboard;

import dev.partnerconsent.customers.CustomerDirectory;
import dev.partnerconsent.customers.FlagCounts;
import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.health.HealthState;
import dev.partnerconsent.health.ReconsentLink;
import dev.partnerconsent.http.QueryNumber;
import dev.partnerconsent.store.HealthEntry;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.Paged;
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
 * Backs {@code admin/index.xhtml}, the dashboard: counts per state, the timeline, the last run, and a page of consents
 * searched by tenant id or name ({@code q}) and filtered by state ({@code state}), soonest re-consent-by first.
 */
@Named("dashboard")
@RequestScoped
public class DashboardView {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final String text;
    private final Optional<HealthState> state;
    private final HealthSummary summary;
    private final Paged<HealthEntry> entries;
    private final FlagCounts gdap;
    private final Failure failure;
    private final Explanation explanation;

    @Inject
    public DashboardView(ExternalContext context, HealthOverview overview, HealthLedger ledger, CustomerDirectory customers,
                         FailureCatalogue catalogue) {
        Map<String, String> params = context.getRequestParameterMap();
        String q = Optional.ofNullable(params.get("q")).map(String::strip).orElse("");
        this.text = q.length() > 256 ? q.substring(0, 256) : q;
        HealthSummary counted = null;
        Paged<HealthEntry> page = new Paged<>(List.of(), 0, PAGE_SIZE, 0);
        FlagCounts flags = null;
        Optional<HealthState> only = Optional.empty();
        Failure failed = null;
        try {
            only = state(params.get("state"));
            int pageNo = QueryNumber.of("page", params.get("page"), 0);
            counted = overview.summary();
            page = ledger.page(text, only, pageNo, PAGE_SIZE);
            flags = customers.flagCounts(Optional.empty());
        } catch (FailureException e) {
            failed = e.failure();
        }
        this.state = only;
        this.summary = counted;
        this.entries = page;
        this.gdap = flags;
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected DashboardView() {
        this.text = null;
        this.state = Optional.empty();
        this.summary = null;
        this.entries = null;
        this.gdap = null;
        this.failure = null;
        this.explanation = null;
    }

    static Optional<HealthState> state(String raw) throws FailureException {
        if (raw == null || raw.isBlank() || raw.equals("all")) {
            return Optional.empty();
        }
        return Arrays.stream(HealthState.values()).filter(s -> s.code().equals(raw.strip())).findFirst()
                .map(Optional::of)
                .orElseThrow(() -> new FailureException(FailureCode.BAD_REQUEST, "'" + QueryNumber.shown(raw)
                        + "' is not a health state; use one of " + Arrays.stream(HealthState.values())
                        .map(HealthState::code).toList() + " or all."));
    }

    /** Customers cached from Partner Center; null when they could not be counted. */
    public FlagCounts getGdap() {
        return gdap;
    }

    public List<GdapCount> getGdapFlags() {
        return gdap == null ? List.of() : GdapCount.of(gdap);
    }

    public HealthSummary getSummary() {
        return summary;
    }

    public List<HealthState> getStates() {
        return List.of(HealthState.values());
    }

    public List<HealthEntry> getEntries() {
        return entries.items();
    }

    public long getMatching() {
        return entries.total();
    }

    public String getText() {
        return text;
    }

    public String getState() {
        return state.map(HealthState::code).orElse("all");
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }

    public int getFirstShown() {
        return entries.items().isEmpty() ? 0 : entries.page() * entries.size() + 1;
    }

    public int getLastShown() {
        return entries.page() * entries.size() + entries.items().size();
    }

    /** The same search one page on, or empty on the last page. */
    public String getNextLink() {
        return entries.hasNext() ? link(text, getState(), entries.page() + 1) : "";
    }

    public String getPreviousLink() {
        return entries.page() > 0 ? link(text, getState(), entries.page() - 1) : "";
    }

    /** The current search narrowed to {@code state} (its first page). */
    public String stateLink(HealthState state) {
        return link(text, state.code(), 0);
    }

    static String link(String text, String state, int page) {
        StringBuilder q = new StringBuilder("index.xhtml?state=").append(state);
        if (!text.isEmpty()) {
            q.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        if (page > 0) {
            q.append("&page=").append(page);
        }
        return q.toString();
    }

    /** Where a partner admin goes to consent again for this tenant. */
    public String reconsentLink(HealthEntry e) {
        return ReconsentLink.path(e.tenantId(), null);
    }

    public String day(Instant at) {
        return at == null ? "—" : DAY.format(at);
    }

    public String time(Optional<Instant> at) {
        return at.map(MINUTE::format).orElse("never");
    }

    public String time(Instant at) {
        return at == null ? "—" : MINUTE.format(at);
    }
}
