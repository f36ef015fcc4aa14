package dev.partnerconsent.operator;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.entra.ClientCredentials;
import dev.partnerconsent.entra.EntraErrors;
import dev.partnerconsent.entra.IdTokenCheck;
import dev.partnerconsent.signin.PendingSignIn;
import dev.partnerconsent.entra.ProviderMetadata;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.signin.SignInCookie;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The operator's OIDC sign-in through the same Entra app as the consent: code flow with PKCE, state and nonce sealed
 * in the same kind of single-use cookie, the ID token checked by {@link IdTokenCheck}. Only {@code openid profile}
 * is asked for, so no refresh token exists and nothing is stored; the outcome is an {@link OperatorSession}.
 */
@ApplicationScoped
public class OperatorSignIn {

    static final String RETURN_COOKIE = "pc_operator_return";
    private static final Pattern LOCAL_RETURN = Pattern.compile("^/(admin|api)(/[A-Za-z0-9._~/?&=%+-]*)?$");
    private static final Logger LOG = Logger.getLogger(OperatorSignIn.class.getName());

    private final Settings settings;
    private final OperatorSettings operators;
    private final ProviderMetadataSource metadata;
    private final SignInCookie signInCookie;
    private final ClientCredentials credentials;
    private final IdTokenCheck idTokenCheck;
    private final OperatorSession session;

    @Inject
    public OperatorSignIn(Settings settings, OperatorSettings operators, ProviderMetadataSource metadata,
                          SignInCookie signInCookie, ClientCredentials credentials, IdTokenCheck idTokenCheck,
                          OperatorSession session) {
        this.settings = settings;
        this.operators = operators;
        this.metadata = metadata;
        this.signInCookie = signInCookie;
        this.credentials = credentials;
        this.idTokenCheck = idTokenCheck;
        this.session = session;
    }

    protected OperatorSignIn() {
        this(null, null, null, null, null, null, null);
    }

    /** Sends the browser to Entra ID; {@code returnTo} (a path under /admin or /api) is where it comes back to. */
    public void start(String returnTo, HttpServletRequest request, HttpServletResponse response)
            throws FailureException, IOException {
        URI redirect = redirectUri();
        PendingSignIn pending = PendingSignIn.start(Clock.systemUTC().instant());
        AuthenticationRequest authn = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile"), new ClientID(settings.get().clientId().orElseThrow()), redirect)
                .endpointURI(metadata.get().authorizationEndpoint())
                .state(pending.state())
                .nonce(pending.nonce())
                .codeChallenge(pending.codeVerifier(), CodeChallengeMethod.S256)
                .build();
        response.addCookie(cookie(SignInCookie.nameFor(pending.state()), signInCookie.seal(pending), redirect,
                (int) SignInCookie.LIFETIME.toSeconds()));
        response.addCookie(cookie(RETURN_COOKIE, safeReturn(returnTo), redirect, (int) SignInCookie.LIFETIME.toSeconds()));
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
                "state-missing", 400, "The operator sign-in callback carries no state parameter."));
        String code = Optional.ofNullable(request.getParameter("code")).orElseThrow(() -> new FailureException(
                "code-missing", 400, "The operator sign-in callback carries neither a code nor an error."));
        String sealed = SignInCookie.plausibleState(state) ? cookieValue(request, SignInCookie.nameFor(
                new com.nimbusds.oauth2.sdk.id.State(state))).orElse(null) : null;
        if (SignInCookie.plausibleState(state)) {
            response.addCookie(cookie(SignInCookie.nameFor(new com.nimbusds.oauth2.sdk.id.State(state)), "", redirect, 0));
        }
        PendingSignIn pending = signInCookie.open(sealed, state);
        ProviderMetadata provider = metadata.get();
        JWT idToken = redeem(new AuthorizationCode(code), pending, provider, redirect);
        JWTClaimsSet claims = check(idToken, pending, provider);

        String tenant = (String) claims.getClaim("tid");
        String oid = (String) claims.getClaim("oid");
        String upn = Optional.ofNullable((String) claims.getClaim("preferred_username"))
                .orElse((String) claims.getClaim("upn"));
        Object roles = claims.getClaim("roles");
        boolean hasRole = roles instanceof List<?> list && list.contains(OperatorSettings.ADMIN_ROLE);
        boolean operator = operators.isAdmin(oid, upn) || (hasRole && operators.honoursRolesOf(tenant));
        session.start(oid, upn, tenant, operator, response);
        LOG.info(() -> "Operator sign-in of " + upn + " (object id " + oid + ", tenant " + tenant + "): "
                + (operator ? "operator" : "not an operator"));
        response.addCookie(cookie(RETURN_COOKIE, "", redirect, 0));
        return cookieValue(request, RETURN_COOKIE).map(OperatorSignIn::safeReturn).orElse("/admin/consents.xhtml");
    }

    /**
     * The consent flow's ID token check. It ends with the allowed-tenants rule, which is about which partners may
     * store a consent, not about operators: a token refused only by that rule passed every other check already.
     */
    private JWTClaimsSet check(JWT idToken, PendingSignIn pending, ProviderMetadata provider) throws FailureException {
        try {
            return idTokenCheck.validate(idToken, pending.nonce(), provider);
        } catch (FailureException e) {
            if (!"tenant-not-allowed".equals(e.failure().code())) {
                throw e;
            }
            try {
                return idToken.getJWTClaimsSet();
            } catch (java.text.ParseException p) {
                throw new FailureException("id-token-malformed", 502, "The ID token's claims are not valid JSON.");
            }
        }
    }

    private JWT redeem(AuthorizationCode code, PendingSignIn pending, ProviderMetadata provider, URI redirect)
            throws FailureException {
        URI endpoint = provider.tokenEndpoint();
        TokenRequest request = new TokenRequest.Builder(endpoint, credentials.forTokenEndpoint(endpoint),
                new AuthorizationCodeGrant(code, redirect, pending.codeVerifier()))
                .scope(new Scope("openid", "profile")).build();
        HTTPResponse http;
        try {
            HTTPRequest r = request.toHTTPRequest();
            r.setConnectTimeout(15_000);
            r.setReadTimeout(15_000);
            http = r.send();
        } catch (IOException e) {
            throw new FailureException("token-endpoint-unreachable", 502,
                    "Could not reach the token endpoint " + endpoint + ": " + e.getClass().getSimpleName());
        }
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http);
        } catch (ParseException e) {
            throw new FailureException("token-response-invalid", 502,
                    "The token endpoint answered HTTP " + http.getStatusCode() + " with a body that is not a token response.");
        }
        if (!response.indicatesSuccess()) {
            net.minidev.json.JSONObject body;
            try {
                body = http.getContentAsJSONObject();
            } catch (ParseException e) {
                body = null;
            }
            throw new FailureException(EntraErrors.fromTokenEndpoint(response.toErrorResponse().getErrorObject(), body));
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse ok) || ok.getOIDCTokens().getIDToken() == null) {
            throw new FailureException("id-token-missing", 502, "The token endpoint returned no ID token.");
        }
        return ok.getOIDCTokens().getIDToken();
    }

    private URI redirectUri() throws FailureException {
        return operators.redirectUri().orElseThrow(() -> new FailureException(Failure.of("setup-incomplete", 503,
                "No operator redirect URI: set partnerconsent.redirect-uri (or partnerconsent.operator.redirect-uri).")));
    }

    /** Only local paths under /admin or /api: never an open redirect. */
    static String safeReturn(String returnTo) {
        return returnTo != null && LOCAL_RETURN.matcher(returnTo).matches() && !returnTo.contains("//")
                ? returnTo : "/admin/consents.xhtml";
    }

    private Cookie cookie(String name, String value, URI redirect, int maxAge) {
        Cookie c = new Cookie(name, value);
        c.setPath(redirect.getRawPath());
        c.setMaxAge(maxAge);
        c.setHttpOnly(true);
        c.setSecure(!dev.partnerconsent.settings.SettingsCheck.isLoopbackHttp(redirect));
        c.setAttribute("SameSite", "Lax");
        return c;
    }

    private static Optional<String> cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && !c.getValue().isEmpty()) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }
}
