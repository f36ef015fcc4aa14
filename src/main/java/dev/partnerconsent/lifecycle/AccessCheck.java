package dev.partnerconsent.lifecycle;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.partnerconsent.alerts.AlertKind;
import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.health.FailureEffect;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.partnerconsent.entra.ApiAnswer;
import dev.partnerconsent.entra.MicrosoftApis;
import dev.partnerconsent.entra.MfaEvidence;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks that a tenant's stored consent still works where automation uses it: redeems it for Partner Center and
 * calls {@code GET /v1/profiles/organization}, then for Microsoft Graph and calls {@code GET /v1.0/organization}.
 * Each redemption writes the rotated refresh token back ({@link TokenRotation}). Failures are reported with their
 * catalogue code, Partner Center's 900421 (no MFA in the token) included; nothing here throws for a refusal.
 */
@ApplicationScoped
public class AccessCheck {

    public static final String PARTNER_CENTER_SCOPE = "https://api.partnercenter.microsoft.com/user_impersonation";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    private static final Logger LOG = Logger.getLogger(AccessCheck.class.getName());

    private final TokenRotation rotation;
    private final LifecycleSettings settings;
    private final MicrosoftApis apis;
    private final AuditTrail audit;
    private final HealthWatch health;
    private final Clock clock;

    @Inject
    public AccessCheck(TokenRotation rotation, LifecycleSettings settings, MicrosoftApis apis, AuditTrail audit,
                       HealthWatch health, Clock clock) {
        this.rotation = rotation;
        this.health = health;
        this.settings = settings;
        this.apis = apis;
        this.audit = audit;
        this.clock = clock;
    }

    protected AccessCheck() {
        this(null, null, null, null, null, null);
    }

    /** @param who the operator or client asking, for the audit trail */
    public AccessCheckResult check(TenantId tenant, String who) {
        String tenantId = tenant.value();
        List<ApiCheck> checks = new ArrayList<>();
        ApiCheck pc = call(tenant, who, "Partner Center", PARTNER_CENTER_SCOPE, settings.partnerCenterUrl(),
                MicrosoftApis.PROFILE_PATH, FailureCode.PARTNER_CENTER_REFUSED);
        checks.add(pc);
        if (!pc.ok() && TokenRotation.NEEDS_RECONSENT.contains(pc.code())
                || FailureCode.CONSENT_NOT_FOUND.code().equals(pc.code())) {
            // the stored token is dead: Graph would be refused the same way, without telling more
            checks.add(new ApiCheck("Microsoft Graph", "GET /v1.0/organization", pc.code(), Optional.empty(),
                    Optional.empty(), "Not tried: " + pc.detail()));
        } else {
            checks.add(call(tenant, who, "Microsoft Graph", GRAPH_SCOPE, settings.graphUrl(), "/v1.0/organization",
                    FailureCode.GRAPH_REFUSED));
        }
        AccessCheckResult result = new AccessCheckResult(tenantId, clock.instant(), checks);
        LOG.info(() -> "Access check of tenant " + tenantId + ": " + checks.stream().map(c -> c.api() + " " + c.code())
                .toList());
        audit.record(AuditEvent.of(AuditKind.ACCESS_CHECKED, who, tenantId, checks.stream()
                .map(c -> c.api() + "=" + c.code()).collect(java.util.stream.Collectors.joining(" "))));
        checks.stream().filter(c -> !c.ok()).findFirst().ifPresent(failed -> {
            if (FailureEffect.of(failed.code()) == FailureEffect.MFA) {
                // the API refused the token for want of MFA: the consent is marked, as a token without amr mfa is
                health.outcome(tenant, failed.code(), false, "An access check by " + who);
            }
            health.alert(AlertKind.ACCESS_CHECK_FAILED, tenant, Optional.of(failed.code()), "An access check by " + who
                    + " failed: " + failed.detail());
        });
        return result;
    }

    private ApiCheck call(TenantId tenant, String who, String api, String scope, URI base, String path, FailureCode refused) {
        String request = "GET " + path;
        Rotation rotated;
        try {
            rotated = rotation.redeemAndStore(tenant, new Scope(scope.split(" ")), Pacer.unpaced(), who);
        } catch (FailureException e) {
            return new ApiCheck(api, request, e.failure().code(), Optional.empty(), Optional.empty(), e.failure().detail());
        }
        AccessToken token = rotated.redeemed().accessToken();
        Optional<Boolean> mfa = MfaEvidence.inAccessToken(token);
        ApiAnswer response;
        try {
            response = apis.get(base, path, token);
        } catch (IOException e) {
            return new ApiCheck(api, request, FailureCode.API_UNREACHABLE.code(), Optional.empty(), mfa,
                    api + " at " + base + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiCheck(api, request, FailureCode.API_UNREACHABLE.code(), Optional.empty(), mfa, "Interrupted.");
        }
        int status = response.status();
        if (response.ok()) {
            return new ApiCheck(api, request, "ok", Optional.of(status), mfa, api + " answered " + request + " with 200.");
        }
        String failure = response.mfaRequired() ? MicrosoftApis.MFA_REQUIRED : refused.code();
        return new ApiCheck(api, request, failure, Optional.of(status), mfa,
                api + " answered " + request + " with HTTP " + status + ": " + response.excerpt());
    }

}
