package dev.partnerconsent.health;

import java.util.Locale;

/** A consent's health, worst first: the order a dashboard lists them in and the one rule that decides applies. */
public enum HealthState {
    /** The token is dead or needs the admin back (revoked, expired, a policy needs a new sign-in): only a new consent helps. */
    NEEDS_RECONSENT,
    /** The token carries no MFA: Partner Center refuses app+user calls without it (900421). */
    MFA_MISSING,
    /** The last refresh failed with a cause that may pass (Key Vault, network, Entra unavailable): it is retried. */
    FAILING,
    /** The re-consent-by date is within 14 days. */
    EXPIRING,
    /** Stored, but keep-alive has never refreshed it yet. */
    NEVER_REFRESHED,
    HEALTHY;

    /** As pages, JSON and metrics spell it, e.g. {@code needs-reconsent}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
