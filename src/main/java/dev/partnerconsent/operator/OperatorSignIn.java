package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.IdTokenCheck;
import dev.partnerconsent.entra.JwtVerifier;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.entra.RedeemedTokens;
import dev.partnerconsent.entra.SignedInUser;
import dev.partnerconsent.entra.TokenRedemption;
import dev.partnerconsent.http.AppCookie;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.signin.PendingSignIn;
import dev.partnerconsent.signin.SignInCookie;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The operator's OIDC sign-in through the same Entra app as the consent: code flow with PKCE, state and nonce sealed
 * in the same single-use {@link SignInCookie}, the code redeemed by the same {@link TokenRedemption} and the ID token
 * checked by the same {@link IdTokenCheck} (MFA evidence included, and required). No {@code offline_access} is asked
 * for, so no refresh token exists and nothing is stored; the outcome is an {@link OperatorSession}. The sign-in must be
 * fresh ({@code max_age}, checked on {@code auth_time}). The partners' allowed-tenants list is about consents, not
 * operators, and is not applied here.
 */
@ApplicationScoped
public class OperatorSignIn {

    /** Where a signed-in operator lands when no page asked for the sign-in: the dashboard. */
    static final String LANDING = "/admin/";

    static final String RETURN_COOKIE = "pc_operator_return";

    private static final Pattern LOCAL_RETURN = Pattern.compile("^/(admin|api)(/[A-Za-z0-9._~/?&=%+-]*)?$");
    private static final Logger LOG = Logger.getLogger(OperatorSignIn.class.getName());

    private final Settings settings;
    private final OperatorSettings operators;
    private final ProviderMetadataSource metadata;
    private final SignInCookie signInCookie;
    private final TokenRedemption redemption;
    private final IdTokenCheck idTokenCheck;
    private final OperatorSession session;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    public OperatorSignIn(Settings settings, OperatorSettings operators, ProviderMetadataSource metadata,
                          SignInCookie signInCookie, TokenRedemption redemption, IdTokenCheck idTokenCheck,
                          OperatorSession session, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.settings = settings;
        this.operators = operators;
        this.metadata = metadata;
        this.signInCookie = signInCookie;
        this.redemption = redemption;
        this.idTokenCheck = idTokenCheck;
        this.session = session;
        this.clock = clock;
    }

    protected OperatorSignIn() {
        this(null, null, null, null, null, null, null, null, null);
    }

    /**
     * What the operator sign-in asks for: who signed in, and Microsoft Graph's {@code User.Read} (already granted to the
     * app, see the setup guide) only because Graph's v1.0 access token carries {@code amr}, the MFA evidence that
     * Entra's v2.0 ID tokens leave out. No {@code offline_access}: no refresh token exists.
     */
    private Scope scope() {
        return new Scope("openid", "profile", settings.get().lifecycle().graphUrl() + "/User.Read");
    }

    /** Sends the browser to Entra ID; {@code returnTo} (a path under /admin or /api) is where it comes back to. */
    public void start(String returnTo, HttpServletRequest request, HttpServletResponse response)
            throws FailureException, IOException {
        URI redirect = redirectUri();
        PendingSignIn pending = PendingSignIn.start(clock.instant());
        AuthenticationRequest authn = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                scope(), new ClientID(settings.get().clientId().orElseThrow()), redirect)
                .endpointURI(metadata.get().authorizationEndpoint())
                .state(pending.state())
                .nonce(pending.nonce())
                .maxAge((int) operators.maxAge().toSeconds())
                .codeChallenge(pending.codeVerifier(), CodeChallengeMethod.S256)
                .build();
        response.addHeader("Set-Cookie", signInCookie.setCookieHeader(pending, redirect));
        AppCookie.forApp(RETURN_COOKIE, redirect).set(response, safeReturn(returnTo), SignInCookie.LIFETIME);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(authn.toURI().toString());
    }

    /**
     * Completes the sign-in: checks everything, starts the session and answers where to go next. A failure is an audit
     * row naming the user once the ID token said who it is (a sign-in without MFA, a stale one), else {@code unknown}.
     */
    public String complete(HttpServletRequest request, HttpServletResponse response) throws FailureException {
        AtomicReference<String> who = new AtomicReference<>("unknown");
        try {
            return complete(request, response, who);
        } catch (FailureException e) {
            audit.record(AuditEvent.of(AuditKind.OPERATOR_REFUSED, who.get(), null,
                    "operator sign-in failed: " + e.failure().code()));
            throw e;
        }
    }

    private String complete(HttpServletRequest request, HttpServletResponse response, AtomicReference<String> who)
            throws FailureException {
        URI redirect = redirectUri();
        Optional<String> returnedState = Optional.ofNullable(request.getParameter("state"));
        List<String> sealed = returnedState.map(st -> SignInCookie.take(request, response, st, redirect)).orElse(List.of());
        String error = request.getParameter("error");
        if (error != null) {
            // anyone can send a browser here with an error of their wording: only Entra's answer to our sign-in is shown
            if (!signInCookie.answers(sealed, returnedState)) {
                throw new FailureException(FailureCode.UNEXPECTED_SIGN_IN_RESPONSE, "The operator sign-in callback carries "
                        + "an error response that does not answer a sign-in started in this browser; its text is not shown.");
            }
            throw new FailureException(EntraErrors.fromRedirect(
                    EntraErrors.fromCallback(error, request.getParameter("error_description"))));
        }
        String state = returnedState.orElseThrow(() -> new FailureException(
                FailureCode.STATE_MISSING, "The operator sign-in callback carries no state parameter."));
        String code = Optional.ofNullable(request.getParameter("code")).orElseThrow(() -> new FailureException(
                FailureCode.CODE_MISSING, "The operator sign-in callback carries neither a code nor an error."));
        PendingSignIn pending = signInCookie.open(sealed, state);
        ProviderMetadata provider = metadata.get();
        RedeemedTokens tokens = redemption.redeem(new AuthorizationCode(code), pending.codeVerifier(), redirect, scope(),
                provider);
        SignedInUser user = idTokenCheck.validate(tokens, pending.nonce(), provider);
        who.set(new OperatorIdentity("user", user.objectId(), user.userPrincipalName(), user.tenantId(), Optional.empty(),
                Optional.empty(), "", null).label());
        requireFreshMfa(user);

        Optional<OperatorRole> role = operators.roleOf(user.tenantId(), user.objectId(), user.roles());
        OperatorIdentity identity = session.start(user.objectId(), user.userPrincipalName(), user.tenantId(), role, response);
        audit.record(AuditEvent.of(role.isPresent() ? AuditKind.OPERATOR_SIGNED_IN : AuditKind.OPERATOR_REFUSED, identity.label(),
                null, role.map(r -> "signed in as " + r.appRole() + "; MFA evidence: " + user.mfaSource())
                        .orElse("signed in but holds no PartnerConsent role")));
        LOG.info(() -> "Operator sign-in of " + user.userPrincipalName() + " (object id " + user.objectId() + ", tenant "
                + user.tenantId() + ", MFA evidence: " + user.mfaSource() + "): "
                + role.map(OperatorRole::appRole).orElse("not an operator"));
        AppCookie returnCookie = AppCookie.forApp(RETURN_COOKIE, redirect);
        returnCookie.expire(response);
        return returnCookie.single(request).map(OperatorSignIn::safeReturn)
                .orElse(LANDING);
    }

    /**
     * The same evidence rule as the consent: MFA in the ID token's or the access token's {@code amr}, unless
     * {@code partnerconsent.require-mfa=false}. And a sign-in no older than {@code max_age}: {@code auth_time} is then
     * required (OpenID Connect Core 3.1.2.1), with the verifier's five minutes of clock skew.
     */
    private void requireFreshMfa(SignedInUser user) throws FailureException {
        if (settings.get().requireMfa() && !user.mfa()) {
            throw new FailureException(FailureCode.OPERATOR_MFA_MISSING, user.userPrincipalName() + " (tenant "
                    + user.tenantId() + ") signed in without multi-factor authentication: no mfa in the amr of the ID token "
                    + "or of the Microsoft Graph access token.");
        }
        Instant authTime = user.authTime().orElseThrow(() -> new FailureException(FailureCode.OPERATOR_AUTH_STALE,
                "The ID token does not say when the user last signed in (no auth_time), though max_age was asked for."));
        Instant oldest = clock.instant().minus(operators.maxAge()).minus(JwtVerifier.MAX_SKEW);
        if (authTime.isBefore(oldest)) {
            throw new FailureException(FailureCode.OPERATOR_AUTH_STALE, user.userPrincipalName() + " last signed in "
                    + "interactively at " + authTime + ", longer ago than partnerconsent.operator.max-age ("
                    + operators.maxAge() + ") allows.");
        }
    }

    private URI redirectUri() throws FailureException {
        return operators.redirectUri().orElseThrow(() -> new FailureException(Failure.of(FailureCode.SETUP_INCOMPLETE,
                "No operator redirect URI: set partnerconsent.redirect-uri (or partnerconsent.operator.redirect-uri).")));
    }

    /** Only local paths under /admin or /api: never an open redirect. */
    static String safeReturn(String returnTo) {
        return returnTo != null && LOCAL_RETURN.matcher(returnTo).matches() && !returnTo.contains("//")
                ? returnTo : LANDING;
    }
}
