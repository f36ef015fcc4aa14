package dev.partnerconsent.signin;

import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.health.ConsentFacts;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.IdTokenCheck;
import dev.partnerconsent.entra.MicrosoftApis;
import dev.partnerconsent.entra.PartnerProfile;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.entra.RedeemedTokens;
import dev.partnerconsent.entra.SignedInUser;
import dev.partnerconsent.entra.TokenClaimsSummary;
import dev.partnerconsent.entra.TokenRedemption;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.vault.ConsentRecord;
import dev.partnerconsent.vault.ConsentTags;
import dev.partnerconsent.vault.StoredVersion;
import dev.partnerconsent.vault.StoredConsent;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import dev.partnerconsent.store.ConsentAudit;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The callback's steps, in order and none skipped: Entra error (shown only when it answers this browser's sign-in)
 * → sealed sign-in (state, expiry, single use)
 * → code redemption → ID token check → who may consent ({@link ConsentPolicy}: allowed tenant, required role, MFA)
 * → Partner Center's proof that the token acts for a partner admin → store in Key Vault (naming a replaced consenter).
 * Any failure ends the flow with nothing stored.
 */
@ApplicationScoped
public class ConsentCallback {

    private static final Logger LOG = Logger.getLogger(ConsentCallback.class.getName());

    private final Settings settings;
    private final SignInCookie cookie;
    private final ProviderMetadataSource metadata;
    private final TokenRedemption redemption;
    private final IdTokenCheck idTokenCheck;
    private final MicrosoftApis apis;
    private final TokenVault vault;
    private final ConsentMetrics metrics;
    private final ConsentAudit audit;
    private final HealthWatch health;
    private final Clock clock;

    @Inject
    public ConsentCallback(Settings settings, SignInCookie cookie, ProviderMetadataSource metadata,
                           TokenRedemption redemption, IdTokenCheck idTokenCheck, MicrosoftApis apis, TokenVault vault,
                           ConsentMetrics metrics, ConsentAudit audit, HealthWatch health, Clock clock) {
        this.health = health;
        this.apis = apis;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.cookie = cookie;
        this.metadata = metadata;
        this.redemption = redemption;
        this.idTokenCheck = idTokenCheck;
        this.vault = vault;
    }

    protected ConsentCallback() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** In verbose mode, adds the tokens' claim names and non-secret values to the failure. */
    private FailureException verbose(FailureException e, RedeemedTokens tokens) {
        if (!settings.get().verbose()) {
            return e;
        }
        var context = new java.util.TreeMap<>(TokenClaimsSummary.of("id_token.", tokens.idToken()));
        if (tokens.accessToken() != null) {
            try {
                context.putAll(TokenClaimsSummary.of("access_token.", com.nimbusds.jwt.JWTParser.parse(tokens.accessToken().getValue())));
            } catch (java.text.ParseException opaque) {
                context.put("access_token", "(opaque)");
            }
        }
        return new FailureException(e.failure().withContext(context));
    }

    /**
     * @param params        the callback's parameters
     * @param sealedSignIns the sealed cookies named after the returned state, as the browser sent them
     */
    public ConsentResult complete(CallbackParameters params, List<String> sealedSignIns) throws FailureException {
        try {
            ConsentResult result = completeUnaudited(params, sealedSignIns);
            audit.stored(result.partner().tenantId(), result.partner().userPrincipalName() + " ("
                    + result.partner().objectId() + ")", result.stored().version(), result.partner().mfa(),
                    Optional.of(result.replaced()).filter(ConsentResult.Replaced::someone)
                            .map(r -> r.userPrincipalName() + " (" + r.objectId() + ")"));
            return result;
        } catch (FailureException e) {
            audit.refused(Optional.empty(), "unknown", e.failure().code());
            throw e;
        }
    }

    private ConsentResult completeUnaudited(CallbackParameters params, List<String> sealedSignIns) throws FailureException {
        if (params.error().isPresent()) {
            // anyone can send a browser here with an error of their wording: only Entra's answer to our sign-in is shown
            if (!cookie.answers(sealedSignIns, params.state())) {
                throw new FailureException(FailureCode.UNEXPECTED_SIGN_IN_RESPONSE, "The callback carries an error response "
                        + "that does not answer a sign-in started in this browser; its text is not shown.");
            }
            ErrorObject error = EntraErrors.fromCallback(params.error().get(), params.errorDescription().orElse(""));
            throw new FailureException(EntraErrors.fromRedirect(error));
        }
        String state = params.state().orElseThrow(() -> new FailureException(FailureCode.STATE_MISSING,
                "The callback carries no state parameter, so it cannot be matched to a sign-in started here."));
        String code = params.code().orElseThrow(() -> new FailureException(FailureCode.CODE_MISSING,
                "The callback carries neither an authorization code nor an error."));
        PendingSignIn pending = cookie.open(sealedSignIns, state);

        ProviderMetadata provider = metadata.get();
        ConsentSettings s = settings.get();
        RedeemedTokens tokens = redemption.redeem(new AuthorizationCode(code), pending.codeVerifier(),
                s.redirectUri().orElseThrow(), s.scopes(), provider);
        if (tokens.refreshToken() == null) {
            throw new FailureException(FailureCode.REFRESH_TOKEN_MISSING,
                    "The token endpoint returned no refresh token; the offline_access scope must be in partnerconsent.scopes.");
        }
        SignedInUser user;
        try {
            user = idTokenCheck.validate(tokens, pending.nonce(), provider);
            ConsentPolicy.check(user, s);
        } catch (FailureException e) {
            throw verbose(e, tokens);
        }
        SignedInPartner partner = new SignedInPartner(user.tenantId(), user.objectId(), user.userPrincipalName(),
                user.displayName(), user.mfa(), user.mfaSource());
        // only a token Partner Center accepts is worth storing: any user of the tenant can sign in, few are admin agents
        PartnerProfile profile;
        try {
            profile = apis.partnerProfile(tokens.accessToken());
        } catch (FailureException e) {
            if (!partner.mfa() && !s.requireMfa() && MicrosoftApis.MFA_REQUIRED.equals(e.failure().code())) {
                // warn-only mode stores a consent without MFA, knowing Partner Center refuses its tokens (the page says so)
                profile = new PartnerProfile("");
            } else {
                throw verbose(e, tokens);
            }
        }
        Optional<StoredVersion> current = vault.latest(new TenantId(partner.tenantId()));
        String previousObjectId = current.map(v -> v.tags().getOrDefault(ConsentTags.OBJECT_ID, "")).orElse("");
        boolean replacesAnother = !previousObjectId.isEmpty() && !previousObjectId.equalsIgnoreCase(partner.objectId());
        String previousUser = replacesAnother ? current.get().tags().getOrDefault(ConsentTags.CONSENTED_BY, "") : "";
        ConsentRecord record = new ConsentRecord(partner.tenantId(), partner.userPrincipalName(), partner.objectId(),
                clock.instant(), s.clientId().orElseThrow(), s.scopes().toString(), partner.mfa(), previousUser,
                replacesAnother ? previousObjectId : "");
        StoredConsent stored = vault.store(record, tokens.refreshToken());
        // the partner's name from Partner Center's profile, else the consenting user's domain
        String name = !profile.companyName().isBlank() ? profile.companyName()
                : partner.userPrincipalName().contains("@")
                ? partner.userPrincipalName().substring(partner.userPrincipalName().indexOf('@') + 1) : "";
        health.record(record.tenant(), Optional.of(name).filter(n -> !n.isBlank()), new ConsentFacts(stored.storedAt(),
                partner.mfa(), Optional.empty(), Optional.empty(), Optional.empty(), false), "A consent by "
                + partner.userPrincipalName());
        if (!partner.mfa()) {
            LOG.warning(() -> "Consent of tenant " + partner.tenantId() + " by " + partner.userPrincipalName()
                    + " carries no MFA evidence; stored because partnerconsent.require-mfa=false");
        }
        if (replacesAnother) {
            LOG.warning(() -> "Consent of tenant " + partner.tenantId() + " by " + partner.userPrincipalName() + " ("
                    + partner.objectId() + ") replaced the consent of " + previousUser + " (" + previousObjectId + ")");
        }
        metrics.consentSucceeded();
        return new ConsentResult(partner, stored, s.requireMfa(), profile.companyName(),
                new ConsentResult.Replaced(previousUser, record.previousObjectId()));
    }
}
