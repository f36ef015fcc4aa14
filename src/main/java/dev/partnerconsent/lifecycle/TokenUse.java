package dev.partnerconsent.lifecycle;

import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.entra.MfaEvidence;
import dev.partnerconsent.entra.Redeemed;
import dev.partnerconsent.entra.TokenRedemption;
import com.nimbusds.oauth2.sdk.Scope;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.CurrentToken;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Short-lived access tokens from a tenant's stored consent, for automation that should never hold the refresh
 * token. Redeemed at the partner tenant, the rotated refresh token is written back like keep-alive does; redeemed
 * in a customer tenant (DAP/GDAP), Entra's answer is bound to that customer, so it is not stored over the partner's
 * consent. Every call is a row of the audit trail: who, tenant, customer, scope, time and outcome — never the token.
 */
@ApplicationScoped
public class TokenUse {

    /** One resource's scope, as Entra names them: https://host[/path]/permission, or .default. */
    private static final Pattern SCOPE = Pattern.compile("^(https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~-]+)*|api://[A-Za-z0-9._~/-]+)/[A-Za-z0-9._~.-]+$");

    private final TokenRotation rotation;
    private final TokenRedemption redemption;
    private final AuditTrail audit;
    private final HealthWatch health;

    @Inject
    public TokenUse(TokenRotation rotation, TokenRedemption redemption, AuditTrail audit, HealthWatch health) {
        this.rotation = rotation;
        this.health = health;
        this.redemption = redemption;
        this.audit = audit;
    }

    protected TokenUse() {
        this(null, null, null, null);
    }

    /**
     * @param who              the caller, for the audit trail
     * @param customerTenantId a customer of the partner to act in, or empty for the partner's own tenant
     */
    public IssuedAccessToken issue(TenantId tenant, String scope, Optional<TenantId> customer, String who)
            throws FailureException {
        String tenantId = tenant.value();
        Optional<String> customerTenantId = customer.map(TenantId::value);
        String outcome = "ok";
        Optional<String> version = Optional.empty();
        try {
            String s = scope == null ? "" : scope.strip();
            if (!SCOPE.matcher(s).matches()) {
                throw new FailureException(FailureCode.SCOPE_INVALID, "'"
                        + (s.length() > 100 ? s.substring(0, 100) + "…" : s)
                        + "' is not one resource scope such as https://api.partnercenter.microsoft.com/.default.");
            }
            if (customer.isEmpty() || customer.get().equals(tenant)) {
                Rotation r = rotation.redeemAndStore(tenant, new Scope(s), Pacer.unpaced(), who);
                version = Optional.of(r.stored().version());
                return new IssuedAccessToken(tenantId, Optional.empty(), r.redeemed().scope(), r.redeemed().accessToken(),
                        r.redeemed().expiresAt(), Optional.of(r.stored().version()));
            }
            CurrentToken current = rotation.current(tenant, Pacer.unpaced());
            Redeemed redeemed = redemption.redeem(customerTenantId.get(), current.token(), new Scope(s));
            // nothing is written back for a customer's token, but its MFA is checked like every other's
            if (!MfaEvidence.inAccessToken(redeemed.accessToken()).orElse(true)) {
                health.outcome(tenant, FailureCode.MFA_MISSING.code(), false, "A token for customer "
                        + customerTenantId.get() + " obtained by " + who);
            }
            return new IssuedAccessToken(tenantId, customerTenantId, redeemed.scope(), redeemed.accessToken(),
                    redeemed.expiresAt(), Optional.empty());
        } catch (FailureException e) {
            outcome = e.failure().code();
            throw e;
        } finally {
            String safeScope = (scope == null ? "" : scope.strip()).replaceAll("[^A-Za-z0-9:/._~ -]", "?");
            audit.record(new AuditEvent(outcome.equals("ok") ? AuditKind.ACCESS_TOKEN_ISSUED : AuditKind.ACCESS_TOKEN_REFUSED,
                    who, Optional.of(tenantId), customerTenantId.map(c -> "customer " + c),
                    "scope=" + safeScope + " outcome=" + outcome + version.map(v -> " stored-version=" + v).orElse("")));
        }
    }
}
