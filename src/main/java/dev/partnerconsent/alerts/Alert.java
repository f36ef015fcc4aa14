package dev.partnerconsent.alerts;

import dev.partnerconsent.tenant.TenantId;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One alert, as every channel renders it. Never carries a token, a code or a secret: only ids, names, catalogue codes
 * and links.
 *
 * @param tenant         the partner tenant concerned; empty for run-wide alerts
 * @param tenantName     its display name, or the tenant id when none is known
 * @param cause          the catalogue code behind it, when a failure is
 * @param causeTitle     the catalogue's title for that code
 * @param troubleshooting the troubleshooting entry of the cause on this deployment
 * @param reconsent      the re-consent link for the partner admin
 * @param detail         one sentence saying what happened (counts, dates)
 */
public record Alert(AlertKind kind, Optional<TenantId> tenant, String tenantName, Optional<String> cause, String causeTitle,
                    Optional<URI> troubleshooting, Optional<URI> reconsent, String detail, Instant at) {

    /** One alert per tenant, kind and day (UTC). */
    public String dedupKey() {
        return kind.code() + "|" + tenant.map(TenantId::value).orElse("-") + "|" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    public String subject() {
        return "PartnerConsent: " + tenant.map(t -> "tenant " + tenantName + " " + kind.phrase()).orElse(kind.phrase());
    }
}
