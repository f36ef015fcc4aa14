package dev.partnerconsent.signin;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.web.FailurePages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
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
    private final ProviderMetadataSource metadata;
    private final SignInCookie cookie;
    private final FailurePages pages;

    @Inject
    public SignInStart(Settings settings, ProviderMetadataSource metadata, SignInCookie cookie, FailurePages pages) {
        this.settings = settings;
        this.metadata = metadata;
        this.cookie = cookie;
        this.pages = pages;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call (RESTEASY-1538); CDI uses the other. */
    public SignInStart() {
        this(null, null, null, null);
    }

    @GET
    public Response start(@QueryParam("login_hint") String loginHint, @QueryParam("domain_hint") String domainHint,
                          @Context HttpServletRequest request, @Context HttpServletResponse response)
            throws IOException, ServletException {
        if (!settings.ready()) {
            pages.showSetupProblems(request, response);
            return null;
        }
        try {
            SignInHints hints = SignInHints.parse(loginHint, domainHint);
            ConsentSettings s = settings.get();
            PendingSignIn pending = PendingSignIn.start(Clock.systemUTC().instant());
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
            URI redirectUri = s.redirectUri().get();
            NewCookie sealed = new NewCookie.Builder(SignInCookie.nameFor(pending.state()))
                    .value(cookie.seal(pending))
                    .path(redirectUri.getRawPath())
                    .maxAge((int) SignInCookie.LIFETIME.toSeconds())
                    .httpOnly(true)
                    .secure(!dev.partnerconsent.settings.SettingsCheck.isLoopbackHttp(redirectUri))
                    .sameSite(NewCookie.SameSite.LAX)
                    .build();
            return Response.seeOther(authn.build().toURI())
                    .cookie(sealed)
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        } catch (FailureException e) {
            pages.showFailure(e.failure(), request, response);
            return null;
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            pages.showFailure(dev.partnerconsent.diagnostics.Failure.of("bad-setting", 503,
                    "partnerconsent.prompt is not a valid prompt value."), request, response);
            return null;
        }
    }
}
