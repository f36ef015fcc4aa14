package dev.partnerconsent.standin.entra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;

/**
 * The single mock-oauth2-server {@link Route}: it takes every request, so none of
 * mock-oauth2-server's own (non-Entra) endpoints is reachable.
 */
final class EntraRouter implements Route {

    private final String baseUrl;
    private final Ledger ledger;
    private final SigningKeyRing keys;
    private final AuthorizeEndpoint authorize;
    private final TokenEndpoint token;

    EntraRouter(String baseUrl, Ledger ledger, SigningKeyRing keys, AuthorizeEndpoint authorize, TokenEndpoint token) {
        this.baseUrl = baseUrl;
        this.ledger = ledger;
        this.keys = keys;
        this.authorize = authorize;
        this.token = token;
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return true;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            // Never echo the exception text: it may quote a request parameter (a code, a secret).
            return Http.json(500, Map.of("error", "server_error", "error_description",
                    "The local Entra ID failed: " + e.getClass().getSimpleName(),
                    "trace_id", UUID.randomUUID().toString()));
        }
    }

    private OAuth2HttpResponse route(OAuth2HttpRequest request) {
        List<String> segments = request.getOriginalUrl().pathSegments();
        String method = request.getMethod();
        if (segments.size() == 1 && segments.get(0).isEmpty()) {
            return Http.html(200, Pages.start(baseUrl));
        }
        if (segments.size() == 1 && segments.get(0).equals("error")) {
            return Http.html(200, Pages.errorCode(parseCode(Http.query(request).get("code"))));
        }
        String rest = String.join("/", segments.subList(1, segments.size()));
        boolean known = rest.equals("v2.0/.well-known/openid-configuration") || rest.equals("discovery/v2.0/keys")
                || rest.startsWith("oauth2/v2.0/");
        if (!known) {
            return Http.notFound();
        }
        Optional<Authority> parsed = Authority.parse(segments.get(0));
        if (parsed.isEmpty()) {
            return ErrorReply.of(EntraErrorCodes.AADSTS90002, Map.of("tenantId", segments.get(0)), baseUrl, null)
                    .tokenEndpointResponse();
        }
        Authority authority = parsed.get();
        return switch (method + " " + rest) {
            case "GET v2.0/.well-known/openid-configuration" -> {
                ledger.hit(Endpoint.METADATA);
                yield Http.json(200, Discovery.document(baseUrl, authority));
            }
            case "GET discovery/v2.0/keys" -> {
                ledger.hit(Endpoint.JWKS);
                yield Http.json(200, keys.publicJwkSet().toJSONObject(true));
            }
            case "GET oauth2/v2.0/authorize", "POST oauth2/v2.0/authorize" -> authorize.handle(request, authority);
            case "POST oauth2/v2.0/token" -> token.handle(request, authority);
            case "GET oauth2/v2.0/logout" -> logout(request);
            default -> Http.json(405, Map.of("error", "invalid_request",
                    "error_description", method + " is not supported here."));
        };
    }

    /** No sessions to end: go back to the app, as Entra does once signed out. */
    private OAuth2HttpResponse logout(OAuth2HttpRequest request) {
        ledger.hit(Endpoint.LOGOUT);
        String target = Http.query(request).nonBlank("post_logout_redirect_uri");
        return target != null ? Http.redirect(target)
                : Http.html(200, Html.page("Signed out", "<h1>You signed out of your account</h1>"));
    }

    private static int parseCode(String code) {
        try {
            return code == null ? 0 : Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
