package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.lifecycle.Inventory;
import dev.partnerconsent.lifecycle.InventoryEntry;
import dev.partnerconsent.lifecycle.InventoryPage;
import dev.partnerconsent.lifecycle.KeepAlive;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.settings.SettingsCheck;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** Backs {@code admin/consents.xhtml}: one inventory page, the keep-alive run, and the notice of the last action. */
@Named("consentsView")
@RequestScoped
public class ConsentsView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final InventoryPage page;
    private final Failure failure;
    private final Explanation explanation;
    private final KeepAlive keepAlive;
    private final String notice;
    private final String noticeTenant;
    private final FailureCatalogue catalogue;

    @Inject
    public ConsentsView(ExternalContext context, Inventory inventory, KeepAlive keepAlive, FailureCatalogue catalogue) {
        this.keepAlive = keepAlive;
        this.catalogue = catalogue;
        var params = context.getRequestParameterMap();
        this.notice = Optional.ofNullable(params.get("notice")).filter(n -> n.matches("[A-Za-z0-9-]{1,40}")).orElse("");
        this.noticeTenant = Optional.ofNullable(params.get("tenant")).filter(SettingsCheck::isGuid).orElse("");
        InventoryPage loaded = new InventoryPage(List.of(), Optional.empty());
        Failure failed = null;
        try {
            loaded = inventory.page(Optional.ofNullable(params.get("cursor")).filter(c -> !c.isBlank()));
        } catch (FailureException e) {
            failed = e.failure();
        }
        this.page = loaded;
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected ConsentsView() {
        this.page = null;
        this.failure = null;
        this.explanation = null;
        this.keepAlive = null;
        this.notice = "";
        this.noticeTenant = "";
        this.catalogue = null;
    }

    public List<InventoryEntry> getEntries() {
        return page.entries();
    }

    public String getNextLink() {
        return page.next().map(n -> "consents.xhtml?cursor=" + URLEncoder.encode(n, StandardCharsets.UTF_8)).orElse("");
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }





    public RunReport getRun() {
        return keepAlive.running().or(keepAlive::lastRun).orElse(null);
    }

    public String getNotice() {
        return notice;
    }

    public String getNoticeText() {
        return switch (notice) {
            case "" -> "";
            case "run-started" -> "Keep-alive started for every stored consent.";
            case "refreshed" -> "Tenant " + noticeTenant + " was refreshed: a new version holds the rotated token.";
            default -> (noticeTenant.isEmpty() ? "" : "Tenant " + noticeTenant + ": ") + notice + " — "
                    + catalogue.find(notice).map(Explanation::title).orElse("see the catalogue");
        };
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    public String time(Optional<Instant> t) {
        return t.map(TIME::format).orElse("never");
    }
}
