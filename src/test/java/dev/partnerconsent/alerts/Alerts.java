package dev.partnerconsent.alerts;

import dev.partnerconsent.tenant.TenantId;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** Alerts for the tests: a tenant whose name tries markup, a cause, both links. */
final class Alerts {

    static final TenantId TENANT = new TenantId("189b32d9-3cef-4869-87eb-cdd49e6bfb03");
    static final String HOSTILE_NAME = "Fabrikam <script>alert(1)</script> & <https://evil.example|click>";

    private Alerts() {
    }

    static Alert needsReconsent() {
        return new Alert(AlertKind.NEEDS_RECONSENT, Optional.of(TENANT), HOSTILE_NAME, Optional.of("AADSTS50173"),
                "The refresh token was revoked", Optional.of(URI.create("https://consent.example.com/troubleshooting#AADSTS50173")),
                Optional.of(URI.create("https://consent.example.com/consent/start?domain_hint=" + TENANT)),
                "Keep-alive could not refresh the stored consent: Entra ID answered that it was revoked.",
                Instant.parse("2026-11-30T12:00:00Z"));
    }
}
