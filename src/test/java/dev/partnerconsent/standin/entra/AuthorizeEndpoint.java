package dev.partnerconsent.standin.entra;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * {@code /{tenant}/oauth2/v2.0/authorize}: GET shows the sign-in page, POST takes the submitted
 * form and answers the redirect URI with a code or an error (query, fragment or form_post).
 * There is no SSO session: every sign-in goes through the page, and {@code prompt=none} fails.
 */
final class AuthorizeEndpoint {

    private final String baseUrl;
    private final Ledger ledger;
    private final Scripts scripts;
    private final GrantStore grants;
    private final ClientAuthenticator clients;

    AuthorizeEndpoint(String baseUrl, Ledger ledger, Scripts scripts, GrantStore grants, ClientAuthenticator clients) {
        this.baseUrl = baseUrl;
        this.ledger = ledger;
        this.scripts = scripts;
        this.grants = grants;
        this.clients = clients;
    }

    OAuth2HttpResponse handle(OAuth2HttpRequest http, Authority authority) {
        boolean submitted = "POST".equals(http.getMethod());
        ledger.hit(submitted ? Endpoint.LOGIN : Endpoint.AUTHORIZE);
        AuthorizeRequest request = AuthorizeRequest.from(authority, http.getOriginalUrl().encodedQuery(),
                Http.query(http));
        String correlationId = http.getHeaders().get("client-request-id");
        Map<String, String> values = messageValues(request, null, null);

        // Until the redirect URI is trusted, Entra shows errors on its own page.
        Optional<EntraError> pageProblem = pageProblem(request, values);
        if (pageProblem.isPresent()) {
            return Http.html(400, Pages.signInError(ErrorReply.of(pageProblem.get(), values, baseUrl, correlationId)));
        }
        ClientRegistration registration = clients.registration(request.clientId());
        boolean pkceOptional = registration != null && registration.pkceOptional();
        Optional<EntraError> redirectProblem = redirectProblem(request, pkceOptional, values);
        if (redirectProblem.isPresent()) {
            return sendError(request, redirectProblem.get(), values, correlationId);
        }
        if (!submitted) {
            if ("none".equals(request.prompt())) {
                return sendError(request, EntraErrorCodes.AADSTS50058, values, correlationId);
            }
            String user = request.loginHint() == null ? "" : request.loginHint();
            return Http.html(200, LoginPage.render(request, clients.appName(request.clientId()),
                    new LoginPage.Form(user, request.proposedTenant(), true, null)));
        }
        return signIn(request, Http.form(http), correlationId);
    }

    private OAuth2HttpResponse signIn(AuthorizeRequest request, Http.Params form, String correlationId) {
        String username = form.nonBlank("username");
        String tenant = form.nonBlank("tenant");
        boolean mfa = isTicked(form.get("mfa"));
        if ("cancel".equals(form.get("action"))) {
            return sendError(request, EntraErrorCodes.AADSTS65004, messageValues(request, username, tenant),
                    correlationId);
        }
        String problem = formProblem(request, username, tenant);
        if (problem != null) {
            return Http.html(400, LoginPage.render(request, clients.appName(request.clientId()),
                    new LoginPage.Form(username == null ? "" : username, tenant == null ? "" : tenant, mfa, problem)));
        }
        String tenantId = tenant.toLowerCase(Locale.ROOT);
        Map<String, String> values = messageValues(request, username, tenantId);
        Optional<ScriptedFailure> scripted =
                scripts.failure(Stage.REDIRECT, new Match.RequestFacts(username, tenantId, request.clientId()));
        if (scripted.isPresent()) {
            return sendError(request, scripted.get().error(), values, correlationId);
        }
        SignIn signIn = SignIn.of(username, tenantId, mfa, request.clientId(), request.scopes().values());
        GrantStore.PendingCode code = grants.newCode(signIn, request.authority(), request.redirectUri(),
                request.codeChallenge(), request.nonce());
        ledger.record(SecretKind.AUTHORIZATION_CODE, tenantId, code.value());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.value());
        if (request.state() != null) {
            params.put("state", request.state());
        }
        params.put("session_state", UUID.randomUUID().toString());
        return deliver(request, params);
    }

    private Optional<EntraError> pageProblem(AuthorizeRequest request, Map<String, String> values) {
        if (request.clientId() == null) {
            values.put("parameter", "client_id");
            return Optional.of(EntraErrorCodes.AADSTS900144);
        }
        if (request.redirectUri() == null) {
            values.put("parameter", "redirect_uri");
            return Optional.of(EntraErrorCodes.AADSTS900144);
        }
        ClientRegistration registration = clients.registration(request.clientId());
        if (registration != null && registration.redirectUris().isEmpty()) {
            return Optional.of(EntraErrorCodes.AADSTS500113);
        }
        if (registration != null && !registration.redirectUris().contains(request.redirectUri())) {
            return Optional.of(EntraErrorCodes.AADSTS50011);
        }
        return Optional.empty();
    }

    private static Optional<EntraError> redirectProblem(AuthorizeRequest request, boolean pkceOptional,
                                                        Map<String, String> values) {
        if (!"code".equals(request.responseType())) {
            values.put("responseType", String.valueOf(request.responseType()));
            return Optional.of(EntraErrorCodes.AADSTS700054);
        }
        // Stricter than Entra, on purpose: the project requires PKCE with S256 (unless the registration opts out).
        String missing = request.scopes().isEmpty() ? "scope"
                : request.codeChallenge() == null && pkceOptional ? null
                : request.codeChallenge() == null ? "code_challenge"
                : !"S256".equals(request.codeChallengeMethod()) ? "code_challenge_method"
                : null;
        if (missing != null) {
            values.put("parameter", missing);
            return Optional.of(EntraErrorCodes.AADSTS900144);
        }
        return Optional.empty();
    }

    private static String formProblem(AuthorizeRequest request, String username, String tenant) {
        if (username == null) {
            return "Enter a user name.";
        }
        if (!Authority.isGuid(tenant)) {
            return "Enter a tenant ID: a GUID such as " + DemoTenants.CONTOSO_PARTNER.id() + ".";
        }
        if (request.authority().isTenant() && !request.authority().segment().equalsIgnoreCase(tenant)) {
            return "This sign-in was started for tenant " + request.authority().segment() + ".";
        }
        return null;
    }

    private static boolean isTicked(String value) {
        return value != null && List.of("on", "true", "1", "yes").contains(value.toLowerCase(Locale.ROOT));
    }

    private OAuth2HttpResponse sendError(AuthorizeRequest request, EntraError error, Map<String, String> values,
                                         String correlationId) {
        ErrorReply reply = ErrorReply.of(error, values, baseUrl, correlationId);
        return deliver(request, reply.redirectParameters(request.state()));
    }

    private static OAuth2HttpResponse deliver(AuthorizeRequest request, Map<String, String> params) {
        if (request.formPost()) {
            return Http.html(200, Pages.formPost(request.redirectUri(), params));
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String separator = request.fragment() ? "#" : request.redirectUri().contains("?") ? "&" : "?";
        return Http.redirect(request.redirectUri() + separator + URLUtils.serializeParameters(multi));
    }

    private Map<String, String> messageValues(AuthorizeRequest request, String user, String tenantId) {
        Map<String, String> values = new HashMap<>();
        putIfPresent(values, "clientId", request.clientId());
        putIfPresent(values, "redirectUri", request.redirectUri());
        putIfPresent(values, "scope", request.scopes().joined());
        putIfPresent(values, "user", user);
        String tenant = tenantId != null ? tenantId : request.authority().segment();
        values.put("tenantId", tenant);
        values.put("userTenantId", tenant);
        values.put("tenantName", DemoTenants.displayName(tenant));
        values.put("appName", clients.appName(request.clientId()));
        values.put("resource", resourceName(request.scopes()));
        return values;
    }

    static String resourceName(Scopes scopes) {
        try {
            return scopes.resource().audience();
        } catch (EntraFailure e) {
            return scopes.joined();
        }
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
