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
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The operator's OIDC sign-in through the same Entra app as the consent: code flow with PKCE, state and nonce sealed
 * in the same single-use {@link SignInCookie}, the code redeemed by the same {@link TokenRedemption} and the ID token
 * checked by the same {@link IdTokenCheck} (MFA evidence included). Only {@code openid profile} is asked for, so no
 * refresh token exists and nothing is stored; the outcome is an {@link OperatorSession}. The partners' allowed-tenants
 * list is about consents, not operators, and is not applied here.
 */
@ApplicationScoped
public class OperatorSignIn {

    static final String RETURN_COOKIE = "pc_operator_return";
    private static final Scope SCOPE = new Scope("openid", "profile");
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

    /** Sends the browser to Entra ID; {@code returnTo} (a path under /admin or /api) is where it comes back to. */
    public void start(String returnTo, HttpServletRequest request, HttpServletResponse response)
            throws FailureException, IOException {
        URI redirect = redirectUri();
        PendingSignIn pending = PendingSignIn.start(clock.instant());
        AuthenticationRequest authn = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                SCOPE, new ClientID(settings.get().clientId().orElseThrow()), redirect)
                .endpointURI(metadata.get().authorizationEndpoint())
                .state(pending.state())
                .nonce(pending.nonce())
                .codeChallenge(pending.codeVerifier(), CodeChallengeMethod.S256)
                .build();
        response.addHeader("Set-Cookie", signInCookie.setCookieHeader(pending, redirect));
        AppCookie.of(RETURN_COOKIE, redirect).set(response, safeReturn(returnTo), SignInCookie.LIFETIME);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(authn.toURI().toString());
    }

    /** Completes the sign-in: checks everything, starts the session and answers where to go next. */
    public String complete(HttpServletRequest request, HttpServletResponse response) throws FailureException {
        URI redirect = redirectUri();
        String error = request.getParameter("error");
        if (error != null) {
            throw new FailureException(EntraErrors.fromRedirect(
                    EntraErrors.fromCallback(error, request.getParameter("error_description"))));
        }
        String state = Optional.ofNullable(request.getParameter("state")).orElseThrow(() -> new FailureException(
                FailureCode.STATE_MISSING, "The operator sign-in callback carries no state parameter."));
        String code = Optional.ofNullable(request.getParameter("code")).orElseThrow(() -> new FailureException(
                FailureCode.CODE_MISSING, "The operator sign-in callback carries neither a code nor an error."));
        PendingSignIn pending = signInCookie.open(SignInCookie.take(request, response, state, redirect), state);
        ProviderMetadata provider = metadata.get();
        RedeemedTokens tokens = redemption.redeem(new AuthorizationCode(code), pending.codeVerifier(), redirect, SCOPE,
                provider);
        SignedInUser user = idTokenCheck.validate(tokens, pending.nonce(), provider);

        boolean hasRole = user.roles().contains(OperatorSettings.ADMIN_ROLE);
        boolean operator = operators.isAdmin(user.objectId(), user.userPrincipalName())
                || (hasRole && operators.honoursRolesOf(user.tenantId()));
        OperatorIdentity identity = session.start(user.objectId(), user.userPrincipalName(), user.tenantId(), operator,
                response);
        audit.record(AuditEvent.of(operator ? AuditKind.OPERATOR_SIGNED_IN : AuditKind.OPERATOR_REFUSED, identity.label(),
                null, operator ? "signed in; MFA evidence: " + user.mfaSource() : "signed in but is not an operator"));
        LOG.info(() -> "Operator sign-in of " + user.userPrincipalName() + " (object id " + user.objectId() + ", tenant "
                + user.tenantId() + ", MFA evidence: " + user.mfaSource() + "): " + (operator ? "operator" : "not an operator"));
        AppCookie returnCookie = AppCookie.of(RETURN_COOKIE, redirect);
        returnCookie.expire(response);
        return AppCookie.values(request, RETURN_COOKIE).stream().findFirst().map(OperatorSignIn::safeReturn)
                .orElse("/admin/consents.xhtml");
    }

    private URI redirectUri() throws FailureException {
        return operators.redirectUri().orElseThrow(() -> new FailureException(Failure.of(FailureCode.SETUP_INCOMPLETE,
                "No operator redirect URI: set partnerconsent.redirect-uri (or partnerconsent.operator.redirect-uri).")));
    }

    /** Only local paths under /admin or /api: never an open redirect. */
    static String safeReturn(String returnTo) {
        return returnTo != null && LOCAL_RETURN.matcher(returnTo).matches() && !returnTo.contains("//")
                ? returnTo : "/admin/consents.xhtml";
    }
}
