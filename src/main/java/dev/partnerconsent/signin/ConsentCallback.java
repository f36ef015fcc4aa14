package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.IdTokenCheck;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.entra.RedeemedTokens;
import dev.partnerconsent.entra.SignedInUser;
import dev.partnerconsent.entra.TokenClaimsSummary;
import dev.partnerconsent.entra.TokenRedemption;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.vault.ConsentRecord;
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
 * The callback's steps, in order and none skipped: Entra error → sealed sign-in (state, expiry, single use)
 * → code redemption → ID token check → MFA → store in Key Vault. Any failure ends the flow with nothing stored.
 */
@ApplicationScoped
public class ConsentCallback {

    private static final Logger LOG = Logger.getLogger(ConsentCallback.class.getName());

    private final Settings settings;
    private final SignInCookie cookie;
    private final ProviderMetadataSource metadata;
    private final TokenRedemption redemption;
    private final IdTokenCheck idTokenCheck;
    private final TokenVault vault;
    private final ConsentMetrics metrics;
    private final ConsentAudit audit;
    private final Clock clock;

    @Inject
    public ConsentCallback(Settings settings, SignInCookie cookie, ProviderMetadataSource metadata,
                           TokenRedemption redemption, IdTokenCheck idTokenCheck, TokenVault vault, ConsentMetrics metrics,
                           ConsentAudit audit, Clock clock) {
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
        this(null, null, null, null, null, null, null, null, null);
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
                    + result.partner().objectId() + ")", result.stored().version(), result.partner().mfa());
            return result;
        } catch (FailureException e) {
            audit.refused(Optional.empty(), "unknown", e.failure().code());
            throw e;
        }
    }

    private ConsentResult completeUnaudited(CallbackParameters params, List<String> sealedSignIns) throws FailureException {
        if (params.error().isPresent()) {
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
            checkTenantAllowed(user.tenantId(), s);
        } catch (FailureException e) {
            throw verbose(e, tokens);
        }
        SignedInPartner partner = new SignedInPartner(user.tenantId(), user.objectId(), user.userPrincipalName(),
                user.displayName(), user.mfa(), user.mfaSource());
        if (!partner.mfa()) {
            if (s.requireMfa()) {
                throw verbose(new FailureException(FailureCode.MFA_MISSING, "User " + partner.userPrincipalName() + " of tenant "
                        + partner.tenantId() + " signed in without multi-factor authentication (no 'mfa' in the amr claim "
                        + "of the ID token or the access token); Partner Center would refuse these tokens (AADSTS900421-class)."), tokens);
            }
            LOG.warning(() -> "Consent of tenant " + partner.tenantId() + " by " + partner.userPrincipalName()
                    + " carries no MFA evidence; stored because partnerconsent.require-mfa=false");
        }
        ConsentRecord record = new ConsentRecord(partner.tenantId(), partner.userPrincipalName(), partner.objectId(),
                clock.instant(), s.clientId().orElseThrow(), s.scopes().toString(), partner.mfa());
        StoredConsent stored = vault.store(record, tokens.refreshToken());
        metrics.consentSucceeded();
        return new ConsentResult(partner, stored, s.requireMfa());
    }

    /** Which partners may store a consent here: about the consent only, so not part of the sign-in's check. */
    private static void checkTenantAllowed(String tenantId, ConsentSettings s) throws FailureException {
        if (!s.allowedTenants().isEmpty() && !s.allowedTenants().contains(tenantId.toLowerCase(Locale.ROOT))) {
            throw new FailureException(FailureCode.TENANT_NOT_ALLOWED, "Tenant " + tenantId
                    + " is not in partnerconsent.allowed-tenants; only the listed partner tenants may store a consent here.");
        }
    }
}
