package dev.partnerconsent.lifecycle;

import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.entra.MfaEvidence;
import dev.partnerconsent.entra.Redeemed;
import dev.partnerconsent.entra.TokenRedemption;
import com.nimbusds.oauth2.sdk.Scope;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.TenantRowLocks;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentTags;
import dev.partnerconsent.vault.CurrentToken;
import dev.partnerconsent.vault.StoredConsent;
import dev.partnerconsent.vault.StoredVersion;
import dev.partnerconsent.vault.TenantLocks;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Redeems a tenant's stored refresh token and writes the rotated one back: a new version with updated tags, then
 * older enabled versions disabled down to {@code partnerconsent.keep-versions}. A failed redemption is recorded on the
 * current version's tags, and tokens that only a new consent can replace are marked {@code needsReconsent}.
 * Shared by keep-alive, access checks and token use, so every redemption writes back the same way.
 * <p>
 * Rotations of one tenant run one at a time: on a node beside its consents ({@link TenantLocks}), then across nodes
 * under the tenant's database row lock ({@link TenantRowLocks}); each reads the version the previous one wrote. A
 * consent stored on another node meanwhile needs no such lock: a rotation never disables a version that may be newer
 * than its own (it only retires versions it listed before writing). The versions it disables are a row of the audit
 * trail.
 */
@ApplicationScoped
public class TokenRotation {

    /** Entra's answers that mean the stored token is dead or needs the admin back: only a new consent helps. */
    public static final Set<String> NEEDS_RECONSENT = Set.of("AADSTS50173", "AADSTS700082", "AADSTS700084",
            "AADSTS70043", "AADSTS50076", "AADSTS50078", "AADSTS65001", "AADSTS9002313");

    /** Failures of this app's own coordination, which say nothing about the stored consent's health. */
    private static final Set<String> NOT_ABOUT_THE_CONSENT = Set.of(FailureCode.TENANT_BUSY.code(),
            FailureCode.DATABASE_UNAVAILABLE.code());

    private static final Logger LOG = Logger.getLogger(TokenRotation.class.getName());

    private final TokenVault vault;
    private final TokenRedemption redemption;
    private final Settings settings;
    private final LifecycleSettings lifecycle;
    private final TenantLocks locks;
    private final TenantRowLocks rows;
    private final AuditTrail audit;
    private final HealthWatch health;
    private final Clock clock;

    @Inject
    public TokenRotation(TokenVault vault, TokenRedemption redemption, Settings settings, LifecycleSettings lifecycle,
                         TenantLocks locks, TenantRowLocks rows, AuditTrail audit, HealthWatch health, Clock clock) {
        this.clock = clock;
        this.health = health;
        this.rows = rows;
        this.audit = audit;
        this.vault = vault;
        this.redemption = redemption;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.locks = locks;
    }

    protected TokenRotation() {
        this(null, null, null, null, null, null, null, null, null);
    }

    /** The scopes keep-alive redeems for: the consented resource scopes, without the sign-in-only OpenID ones. */
    public Scope keepAliveScope() {
        Scope scope = new Scope();
        for (var value : settings.get().scopes()) {
            String v = value.getValue();
            if (!v.equals("openid") && !v.equals("profile") && !v.equals("email")) {
                scope.add(v);
            }
        }
        if (!scope.contains("offline_access")) {
            scope.add("offline_access");
        }
        return scope;
    }

    /**
     * Redeems for {@code scope} and stores the rotated token.
     *
     * @param pacer spaces this call's Key Vault operations
     * @param who   on whose behalf, for the audit trail
     * @throws FailureException the redemption's or Key Vault's failure; a redemption failure is tagged first
     */
    public Rotation redeemAndStore(TenantId tenant, Scope scope, Pacer pacer, String who) throws FailureException {
        // this node's lock first: a node holds at most one database connection per tenant waiting
        Rotation r;
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            r = locks.exclusively(tenant.value(), () -> rows.exclusively(tenant.value(),
                    () -> rotate(tenant, scope, pacer, who, refused)));
        } catch (FailureException e) {
            String code = e.failure().code();
            // a refused redemption was recorded with the version's facts; the rest (no consent, Key Vault) is noted here
            if (!refused.get() && !NOT_ABOUT_THE_CONSENT.contains(code)) {
                health.outcome(tenant, code, NEEDS_RECONSENT.contains(code) || FailureCode.CONSENT_NOT_FOUND.code().equals(code),
                        who + " could not use the stored consent (" + code + ")");
            }
            throw e;
        }
        health.observe(tenant, r.nameHint(), r.facts(), who + " redeemed the stored consent");
        if (r.disabled() > 0) {
            audit.record(AuditEvent.of(AuditKind.VERSIONS_DISABLED, who, tenant.value(), r.disabled()
                    + " older version(s) disabled after version " + r.stored().version() + " was written."));
        }
        return r;
    }

    private Rotation rotate(TenantId tenant, Scope scope, Pacer pacer, String who,
                            java.util.concurrent.atomic.AtomicBoolean refused) throws FailureException {
        CurrentToken current = current(tenant, pacer);
        Redeemed redeemed;
        try {
            redeemed = redemption.redeem(tenant.value(), current.token(), withOfflineAccess(scope));
        } catch (FailureException e) {
            Map<String, String> tags = recordFailure(current, e.failure(), pacer);
            refused.set(true);
            health.observe(tenant, HealthFacts.nameHint(tags), HealthFacts.of(HealthFacts.issued(current.tags(),
                    clock.instant()), tags), who + " was refused a token from the stored consent (" + e.failure().code() + ")");
            throw e;
        }
        Instant at = clock.instant();
        String now = at.toString();
        Map<String, String> ok = new HashMap<>();
        ok.put(ConsentTags.LAST_REFRESHED_AT, now);
        ok.put(ConsentTags.LAST_ATTEMPT_AT, now);
        ok.put(ConsentTags.LAST_OUTCOME, "ok");
        ok.put(ConsentTags.NEEDS_RECONSENT, null);
        // every token obtained is checked for MFA: one without it marks the consent, whatever the consent said
        MfaEvidence.inAccessToken(redeemed.accessToken()).ifPresent(mfa -> ok.put(ConsentTags.MFA, Boolean.toString(mfa)));
        Map<String, String> tags = new HashMap<>(current.tags());
        tags.putAll(ok);
        if (redeemed.rotated().isEmpty()) {
            // Entra always rotates; if it ever does not, the stored token is still the live one
            pacer.acquire();
            vault.retag(current, ok);
            // a redemption resets the token's 90 idle days as a new issue does
            return new Rotation(redeemed, new StoredConsent(current.secretName(), current.version(), at), 0,
                    HealthFacts.of(at, tags), HealthFacts.nameHint(tags));
        }
        // listed before writing: whatever is in this list is older than the version written next
        List<StoredVersion> older = vault.listVersions(tenant, pacer::acquire);
        pacer.acquire();
        StoredConsent stored = vault.storeRotated(current, redeemed.rotated().get(), ok);
        int disabled = retireOlder(tenant, older, current.version(), pacer);
        return new Rotation(redeemed, stored, disabled, HealthFacts.of(stored.storedAt(), tags), HealthFacts.nameHint(tags));
    }

    /** The tenant's current token, or a 404-class failure when nothing is stored for it. */
    public CurrentToken current(TenantId tenant, Pacer pacer) throws FailureException {
        pacer.acquire();
        return vault.current(tenant).orElseThrow(() -> new FailureException(FailureCode.CONSENT_NOT_FOUND,
                "No consent is stored for tenant " + tenant + "."));
    }

    /**
     * Disables the enabled versions of {@code older} (listed before this rotation wrote its own) beyond the newest
     * {@code keep-versions}, counting the new version first and the redeemed one next. A version that is not in that
     * list, written by another node or tool since, may be newer than ours and is never disabled; a later rotation
     * retires it once it is older. Creation times have one-second precision, so the redeemed version (the newest when
     * it was read) is ranked by id, the rest by time.
     */
    int retireOlder(TenantId tenant, List<StoredVersion> older, String redeemedVersion, Pacer pacer) throws FailureException {
        List<StoredVersion> enabled = older.stream()
                .filter(StoredVersion::enabled)
                .sorted(Comparator.comparing((StoredVersion v) -> !v.version().equals(redeemedVersion))
                        .thenComparing(StoredVersion::createdOn, Comparator.reverseOrder()))
                .toList();
        int keepOlder = Math.max(0, lifecycle.keepVersions() - 1);
        int disabled = 0;
        for (StoredVersion old : enabled.subList(Math.min(keepOlder, enabled.size()), enabled.size())) {
            pacer.acquire();
            vault.disable(tenant, old.version());
            disabled++;
        }
        return disabled;
    }

    /** @return the version's tags with the failure's applied */
    private Map<String, String> recordFailure(CurrentToken current, Failure failure, Pacer pacer) {
        String now = clock.instant().toString();
        Map<String, String> tags = new HashMap<>();
        tags.put(ConsentTags.LAST_ATTEMPT_AT, now);
        tags.put(ConsentTags.LAST_OUTCOME, failure.code());
        tags.put(ConsentTags.NEEDS_RECONSENT, NEEDS_RECONSENT.contains(failure.code()) ? "true" : null);
        try {
            pacer.acquire();
            vault.retag(current, tags);
        } catch (FailureException e) {
            LOG.warning(() -> "Could not record the failed refresh of tenant " + current.tenantId() + " (" + failure.code()
                    + ") on its secret: " + e.failure().code());
        }
        Map<String, String> after = new HashMap<>(current.tags());
        after.putAll(tags);
        return after;
    }

    private static Scope withOfflineAccess(Scope scope) {
        Scope s = new Scope(scope);
        if (!s.contains("offline_access")) {
            s.add("offline_access");
        }
        return s;
    }
}
