package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.lifecycle.AccessCheckResult;
import dev.partnerconsent.lifecycle.ApiCheck;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/consents/{tenant}/check}: each API called, and the catalogue's explanation of a failed one. */
@JsonbNillable
public record CheckAnswer(String tenantId, Instant checkedAt, boolean ok, List<Call> checks) {

    public CheckAnswer {
        checks = List.copyOf(checks);
    }

    /** One API call; {@code title}, {@code meaning}, {@code causes} and {@code fix} only when it failed. */
    @JsonbNillable
    public record Call(String api, String request, boolean ok, String outcome, String detail, Integer status, Boolean mfa,
                       @JsonbNillable(false) String title, @JsonbNillable(false) String meaning,
                       @JsonbNillable(false) List<String> causes, @JsonbNillable(false) String fix) {
    }

    static CheckAnswer of(AccessCheckResult result, FailureCatalogue catalogue) {
        return new CheckAnswer(result.tenantId(), result.checkedAt(), result.ok(),
                result.checks().stream().map(c -> call(c, catalogue)).toList());
    }

    private static Call call(ApiCheck c, FailureCatalogue catalogue) {
        if (c.ok()) {
            return new Call(c.api(), c.request(), true, c.code(), c.detail(), c.status().orElse(null), c.mfa().orElse(null),
                    null, null, null, null);
        }
        Explanation why = catalogue.explain(new Failure(c.code(), 502, c.detail(), EntraTrace.none()));
        return new Call(c.api(), c.request(), false, c.code(), c.detail(), c.status().orElse(null), c.mfa().orElse(null),
                why.title(), why.meaning(), why.causes(), why.fix());
    }
}
