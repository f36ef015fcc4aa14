package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.InventoryEntry;
import dev.partnerconsent.lifecycle.InventoryPage;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.lifecycle.TenantOutcome;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.Optional;

/** The API's JSON shapes, built with JSON-P so that the same bytes come out on every server. */
final class Json {

    private Json() {
    }

    static JsonObject page(InventoryPage page, String contextPath) {
        JsonArrayBuilder items = jakarta.json.Json.createArrayBuilder();
        page.entries().forEach(e -> items.add(entry(e, contextPath)));
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder().add("consents", items);
        page.next().ifPresentOrElse(n -> b.add("next", n), () -> b.addNull("next"));
        return b.build();
    }

    static JsonObject entry(InventoryEntry e, String contextPath) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                .add("tenantId", e.tenantId())
                .add("secretName", e.secretName())
                .add("latestVersion", e.latestVersion())
                .add("versions", e.versions())
                .add("enabledVersions", e.enabledVersions())
                .add("consentedBy", e.consentedBy());
        time(b, "consentedAt", e.consentedAt());
        b.add("mfa", e.mfa());
        b.add("lastIssuedAt", e.lastIssuedAt().toString());
        time(b, "lastRefreshedAt", e.lastRefreshedAt());
        e.lastOutcome().ifPresentOrElse(o -> b.add("lastRefreshOutcome", o), () -> b.addNull("lastRefreshOutcome"));
        b.add("lastRefreshOutcomeMeaning", e.outcomeMeaning())
                .add("needsReconsent", e.needsReconsent())
                .add("diesAt", e.diesAt().toString())
                .add("daysLeft", e.daysLeft())
                .add("warning", e.warning())
                .add("reconsentLink", contextPath + e.reconsentLink());
        return b.build();
    }

    static JsonObject run(RunReport r) {
        JsonArrayBuilder failures = jakarta.json.Json.createArrayBuilder();
        r.failures().forEach(f -> failures.add(outcome(f)));
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                .add("id", r.id())
                .add("trigger", r.trigger())
                .add("running", r.running())
                .add("startedAt", r.startedAt().toString());
        r.target().ifPresentOrElse(t -> b.add("tenantId", t), () -> b.addNull("tenantId"));
        time(b, "endedAt", r.endedAt());
        return b.add("consents", r.consents())
                .add("refreshed", r.refreshed())
                .add("failed", r.failed())
                .add("needsReconsent", r.needsReconsent())
                .add("skipped", r.skipped())
                .add("keyVaultOperations", r.vaultOps())
                .add("keyVaultOpsPerSecond", Math.round(r.achievedOpsPerSecond() * 10) / 10.0)
                .add("keyVaultOpsPerSecondLimit", r.configuredOpsPerSecond())
                .add("failures", failures)
                .build();
    }

    static JsonObject outcome(TenantOutcome o) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                .add("tenantId", o.tenantId())
                .add("outcome", o.code())
                .add("needsReconsent", o.needsReconsent())
                .add("detail", o.detail())
                .add("disabledVersions", o.disabled());
        o.newVersion().ifPresentOrElse(v -> b.add("newVersion", v), () -> b.addNull("newVersion"));
        return b.build();
    }

    private static void time(JsonObjectBuilder b, String name, Optional<Instant> t) {
        t.ifPresentOrElse(v -> b.add(name, v.toString()), () -> b.addNull(name));
    }
}
