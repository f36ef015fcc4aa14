package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.lifecycle.AccessCheckResult;
import dev.partnerconsent.lifecycle.ApiCheck;
import dev.partnerconsent.lifecycle.InventoryEntry;
import dev.partnerconsent.lifecycle.IssuedAccessToken;
import dev.partnerconsent.lifecycle.InventoryPage;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.lifecycle.TenantOutcome;
import dev.partnerconsent.http.Refusals;
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

    static JsonObject withMetrics(JsonObject run, java.util.Map<String, Long> metrics) {
        JsonObjectBuilder m = jakarta.json.Json.createObjectBuilder();
        metrics.forEach(m::add);
        return jakarta.json.Json.createObjectBuilder(run).add("metrics", m).build();
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

    static JsonObject check(AccessCheckResult result, Refusals refusals) {
        JsonArrayBuilder checks = jakarta.json.Json.createArrayBuilder();
        for (ApiCheck c : result.checks()) {
            JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                    .add("api", c.api())
                    .add("request", c.request())
                    .add("ok", c.ok())
                    .add("outcome", c.code())
                    .add("detail", c.detail());
            c.status().ifPresentOrElse(st -> b.add("status", st), () -> b.addNull("status"));
            c.mfa().ifPresentOrElse(m -> b.add("mfa", m), () -> b.addNull("mfa"));
            if (!c.ok()) {
                JsonObject why = refusals.json(Failure.of(c.code(), 502, c.detail()));
                b.add("title", why.getString("title")).add("meaning", why.getString("meaning"))
                        .add("causes", why.getJsonArray("causes")).add("fix", why.getString("fix"));
            }
            checks.add(b);
        }
        return jakarta.json.Json.createObjectBuilder()
                .add("tenantId", result.tenantId())
                .add("checkedAt", result.checkedAt().toString())
                .add("ok", result.ok())
                .add("checks", checks)
                .build();
    }

    static JsonObject token(IssuedAccessToken t) {
        long expiresIn = Math.max(0, t.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder()
                .add("token_type", "Bearer")
                .add("access_token", t.accessToken().getValue())
                .add("expires_in", expiresIn)
                .add("expires_on", t.expiresAt().toString())
                .add("scope", t.scope())
                .add("tenantId", t.tenantId());
        t.customerTenantId().ifPresentOrElse(c -> b.add("customerTenantId", c), () -> b.addNull("customerTenantId"));
        return b.build();
    }

    private static void time(JsonObjectBuilder b, String name, Optional<Instant> t) {
        t.ifPresentOrElse(v -> b.add(name, v.toString()), () -> b.addNull(name));
    }
}
