package dev.partnerconsent.lifecycle;

import java.time.Instant;
import java.util.List;

/** An access check of one tenant: each API called and whether it answered. */
public record AccessCheckResult(String tenantId, Instant checkedAt, List<ApiCheck> checks) {

    public AccessCheckResult {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().allMatch(ApiCheck::ok);
    }
}
