package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.lifecycle.AccessCheckResult;
import dev.partnerconsent.lifecycle.ApiCheck;
import dev.partnerconsent.lifecycle.Inventory;
import dev.partnerconsent.operator.AdminActions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Backs {@code admin/check.xhtml}: the access check the page's button just ran, with each failure explained. */
@Named("accessCheckView")
@RequestScoped
public class AccessCheckView {

    /** One API's row: the check and, when it failed, the catalogue's explanation. */
    public record Row(ApiCheck check, Explanation explanation) {
    }

    private final AccessCheckResult result;
    private final List<Row> rows;

    @Inject
    public AccessCheckView(ExternalContext context, FailureCatalogue catalogue) {
        this.result = (AccessCheckResult) context.getRequestMap().get(AdminActions.CHECK_RESULT);
        this.rows = result == null ? List.of() : result.checks().stream()
                .map(c -> new Row(c, c.ok() ? null : catalogue.explain(new Failure(c.code(), 502, c.detail(), EntraTrace.none())))).toList();
    }

    protected AccessCheckView() {
        this.result = null;
        this.rows = List.of();
    }

    public boolean isPresent() {
        return result != null;
    }

    public AccessCheckResult getResult() {
        return result;
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getReconsentLink() {
        return result == null ? "" : Inventory.reconsentLink(result.tenantId(), null);
    }
}
