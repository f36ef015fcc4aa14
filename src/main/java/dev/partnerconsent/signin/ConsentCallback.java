package dev.partnerconsent.signin;

import dev.partnerconsent.entra.MfaEvidence;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.TokenClaimsSummary;
import dev.partnerconsent.entra.RedeemedTokens;
import dev.partnerconsent.entra.IdTokenCheck;
import dev.partnerconsent.entra.CodeRedemption;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.vault.ConsentRecord;
import dev.partnerconsent.vault.StoredConsent;
import dev.partnerconsent.vault.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
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
    private final CodeRedemption redemption;
    private final IdTokenCheck idTokenCheck;
    private final TokenVault vault;
    private final ConsentMetrics metrics;

    @Inject
    public ConsentCallback(Settings settings, SignInCookie cookie, ProviderMetadataSource metadata,
                           CodeRedemption redemption, IdTokenCheck idTokenCheck, TokenVault vault, ConsentMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.cookie = cookie;
        this.metadata = metadata;
        this.redemption = redemption;
        this.idTokenCheck = idTokenCheck;
        this.vault = vault;
    }

    protected ConsentCallback() {
        this(null, null, null, null, null, null, null);
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
     * @param sealedSignIn  the sealed cookie named after the returned state, if the browser sent one
     */
    public ConsentResult complete(CallbackParameters params, Optional<String> sealedSignIn) throws FailureException {
        if (params.error().isPresent()) {
            ErrorObject error = EntraErrors.fromCallback(params.error().get(), params.errorDescription().orElse(""));
            throw new FailureException(EntraErrors.fromRedirect(error));
        }
        String state = params.state().orElseThrow(() -> new FailureException("state-missing", 400,
                "The callback carries no state parameter, so it cannot be matched to a sign-in started here."));
        String code = params.code().orElseThrow(() -> new FailureException("code-missing", 400,
                "The callback carries neither an authorization code nor an error."));
        PendingSignIn pending = cookie.open(sealedSignIn.orElse(null), state);

        ProviderMetadata provider = metadata.get();
        RedeemedTokens tokens = redemption.redeem(new AuthorizationCode(code), pending.codeVerifier(), provider);
        ConsentSettings s = settings.get();
        JWTClaimsSet claims;
        try {
            claims = idTokenCheck.validate(tokens.idToken(), pending.nonce(), provider);
        } catch (FailureException e) {
            throw verbose(e, tokens);
        }

        String mfaSource = MfaEvidence.find(claims, tokens.accessToken());
        SignedInPartner partner = new SignedInPartner(
                IdTokenCheck.stringClaim(claims, "tid"),
                Optional.ofNullable(IdTokenCheck.stringClaim(claims, "oid")).orElse(""),
                Optional.ofNullable(IdTokenCheck.stringClaim(claims, "preferred_username"))
                        .or(() -> Optional.ofNullable(IdTokenCheck.stringClaim(claims, "upn"))).orElse(""),
                Optional.ofNullable(IdTokenCheck.stringClaim(claims, "name")).orElse(""),
                !"none".equals(mfaSource), mfaSource);
        if (!partner.mfa()) {
            if (s.requireMfa()) {
                throw verbose(new FailureException("mfa-missing", 403, "User " + partner.userPrincipalName() + " of tenant "
                        + partner.tenantId() + " signed in without multi-factor authentication (no 'mfa' in the amr claim "
                        + "of the ID token or the access token); Partner Center would refuse these tokens (AADSTS900421-class)."), tokens);
            }
            LOG.warning(() -> "Consent of tenant " + partner.tenantId() + " by " + partner.userPrincipalName()
                    + " carries no MFA evidence; stored because partnerconsent.require-mfa=false");
        }
        ConsentRecord record = new ConsentRecord(partner.tenantId(), partner.userPrincipalName(), partner.objectId(),
                Instant.now(), s.clientId().orElseThrow(), s.scopes().toString(), partner.mfa());
        StoredConsent stored = vault.store(record, tokens.refreshToken());
        metrics.consentSucceeded();
        return new ConsentResult(partner, stored, s.requireMfa());
    }
}
