package dev.partnerconsent.lifecycle;

import java.util.Optional;

/**
 * What keep-alive did for one tenant.
 *
 * @param code          {@code ok}, a failure code (e.g. {@code AADSTS50173}), or {@code skipped-needs-reconsent}
 * @param detail        what happened, safe to show (never a token)
 * @param newVersion    the version that holds the rotated token, when refreshed
 * @param disabled      older versions disabled
 */
public record TenantOutcome(String tenantId, String code, boolean needsReconsent, String detail,
                            Optional<String> newVersion, int disabled) {

    public boolean ok() {
        return "ok".equals(code);
    }
}
