package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditRecord;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.Paged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backs {@code admin/audit.xhtml}: one page of the audit trail under the filters of the query string (the same as the
 * API's, {@link AuditQuery}), with links to the neighbouring pages and to the CSV export of the same filters.
 */
@Named("auditView")
@RequestScoped
public class AuditView {

    static final int PAGE_SIZE = 50;
    private static final List<String> FILTERS = List.of("tenant", "kind", "actor", "from", "to");

    private final Map<String, String> filters = new LinkedHashMap<>();
    private final Paged<AuditRecord> page;
    private final Failure failure;
    private final Explanation explanation;

    @Inject
    public AuditView(ExternalContext context, AuditTrail audit, FailureCatalogue catalogue) {
        Map<String, String> params = context.getRequestParameterMap();
        FILTERS.forEach(f -> filters.put(f, params.getOrDefault(f, "").strip()));
        Paged<AuditRecord> loaded = new Paged<>(List.of(), 0, PAGE_SIZE, 0);
        Failure failed = null;
        try {
            loaded = audit.list(AuditQuery.filter(filters.get("tenant"), filters.get("kind"), filters.get("actor"),
                    filters.get("from"), filters.get("to")), AuditQuery.number("page", params.get("page"), 0), PAGE_SIZE);
        } catch (FailureException e) {
            failed = e.failure();
        }
        this.page = loaded;
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected AuditView() {
        this.page = null;
        this.failure = null;
        this.explanation = null;
    }

    public List<AuditRecord> getRows() {
        return page.items();
    }

    public long getTotal() {
        return page.total();
    }

    public int getPage() {
        return page.page();
    }

    public Map<String, String> getFilters() {
        return filters;
    }

    public List<String> getKinds() {
        return Arrays.stream(AuditKind.values()).map(AuditKind::code).toList();
    }

    public String getNextLink() {
        return page.hasNext() ? "audit.xhtml?" + query() + "page=" + (page.page() + 1) : "";
    }

    public String getPreviousLink() {
        return page.page() > 0 ? "audit.xhtml?" + query() + "page=" + (page.page() - 1) : "";
    }

    public String getExportLink() {
        String q = query();
        return "/api/audit/export" + (q.isEmpty() ? "" : "?" + q.substring(0, q.length() - 1));
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }

    /** The filters given, as {@code name=value&} pairs. */
    private String query() {
        StringBuilder q = new StringBuilder();
        filters.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return q.toString();
    }
}
