package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.entra.ProviderMetadataSource;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.http.FailurePages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * {@code GET /consent/start}: sends the partner admin to Entra ID with a fresh state, nonce and PKCE
 * verifier, sealed into a cookie the callback will open.
 */
@Path("start")
@RequestScoped
public class SignInStart {

    private final Settings settings;
    private final dev.partnerconsent.settings.SetupStatus status;
    private final ProviderMetadataSource metadata;
    private final SignInCookie cookie;
    private final FailurePages pages;
    private final Clock clock;

    @Inject
    public SignInStart(Settings settings, dev.partnerconsent.settings.SetupStatus status, ProviderMetadataSource metadata,
                       SignInCookie cookie, FailurePages pages, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.status = status;
        this.metadata = metadata;
        this.cookie = cookie;
        this.pages = pages;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call (RESTEASY-1538); CDI uses the other. */
    public SignInStart() {
        this(null, null, null, null, null, null);
    }

    /**
     * The sign-in cookie belongs to the host it was set by, and comes back only to the redirect URI's host: a sign-in
     * started under another host name (say http://server:8080 while the redirect URI says consent.example.com) would
     * reach the callback without it. Ports and scheme do not matter to cookies, so only the host is compared (a TLS
     * proxy may talk plain http to the app, as long as it passes the original Host header).
     */
    static void checkOrigin(HttpServletRequest request, URI redirectUri) throws FailureException {
        String expected = redirectUri.getHost().toLowerCase(java.util.Locale.ROOT);
        String actual = request.getServerName().toLowerCase(java.util.Locale.ROOT);
        if (!expected.equals(actual)) {
            throw new FailureException(FailureCode.START_ORIGIN_MISMATCH, "This sign-in was started at host " + actual
                    + " but partnerconsent.redirect-uri sends the reply to host " + expected + "; the browser would come back "
                    + "without its sign-in cookie. Open " + redirectUri.getScheme() + "://" + redirectUri.getRawAuthority()
                    + request.getContextPath() + "/ instead, or fix the setting (behind a proxy: pass the original Host header).");
        }
    }

    @GET
    public Response start(@QueryParam("login_hint") String loginHint, @QueryParam("domain_hint") String domainHint,
                          @Context HttpServletRequest request, @Context HttpServletResponse response)
            throws IOException, ServletException, FailureException {
        if (!status.ready()) {
            pages.showSetupProblems(request, response);
            return null;
        }
        try {
            checkOrigin(request, settings.get().redirectUri().orElseThrow());
            SignInHints hints = SignInHints.parse(loginHint, domainHint);
            ConsentSettings s = settings.get();
            PendingSignIn pending = PendingSignIn.start(clock.instant());
            AuthenticationRequest.Builder authn = new AuthenticationRequest.Builder(
                    new ResponseType(ResponseType.Value.CODE), s.scopes(), new ClientID(s.clientId().orElseThrow()),
                    s.redirectUri().orElseThrow())
                    .endpointURI(metadata.get().authorizationEndpoint())
                    .state(pending.state())
                    .nonce(pending.nonce())
                    .codeChallenge(pending.codeVerifier(), CodeChallengeMethod.S256)
                    .customParameter("amr_values", "mfa");
            authn.prompt(Prompt.parse(s.prompt()));
            hints.loginHint().ifPresent(authn::loginHint);
            hints.domainHint().ifPresent(d -> authn.customParameter("domain_hint", d));
            return Response.seeOther(authn.build().toURI())
                    .header("Set-Cookie", cookie.setCookieHeader(pending, s.redirectUri().get()))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new FailureException(dev.partnerconsent.diagnostics.FailureCode.BAD_SETTING,
                    "partnerconsent.prompt is not a valid prompt value.");
        }
    }
}
