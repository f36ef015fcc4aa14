package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.TenantOutcome;
import jakarta.json.bind.annotation.JsonbNillable;

/** What keep-alive did for one tenant, as a run answer lists it. */
@JsonbNillable
public record OutcomeAnswer(String tenantId, String outcome, boolean needsReconsent, String detail, int disabledVersions,
                            String newVersion) {

    static OutcomeAnswer of(TenantOutcome o) {
        return new OutcomeAnswer(o.tenantId(), o.code(), o.needsReconsent(), o.detail(), o.disabled(),
                o.newVersion().orElse(null));
    }
}
