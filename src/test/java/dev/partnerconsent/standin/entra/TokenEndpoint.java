package dev.partnerconsent.standin.entra;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the authorization_code grant (PKCE S256, single-use
 * codes) and the refresh_token grant (a new refresh token each time; old ones stay valid unless
 * revoked or expired). Scripted failures are checked before anything else, tampering last.
 */
final class TokenEndpoint {

    private final String baseUrl;
    private final Ledger ledger;
    private final Scripts scripts;
    private final GrantStore grants;
    private final ClientAuthenticator clients;
    private final TokenMinter minter;
    private final TokenFaults faults;

    TokenEndpoint(String baseUrl, Ledger ledger, Scripts scripts, GrantStore grants, ClientAuthenticator clients,
                  TokenMinter minter, TokenFaults faults) {
        this.faults = faults;
        this.baseUrl = baseUrl;
        this.ledger = ledger;
        this.scripts = scripts;
        this.grants = grants;
        this.clients = clients;
        this.minter = minter;
    }

    OAuth2HttpResponse handle(OAuth2HttpRequest http, Authority authority) {
        ledger.hit(Endpoint.TOKEN);
        Http.Params form = Http.form(http);
        try {
            String grantType = form.nonBlank("grant_type");
            if (grantType == null) {
                throw new EntraFailure(EntraErrorCodes.AADSTS900144, Map.of("parameter", "grant_type"));
            }
            Optional<OAuth2HttpResponse> injected = injectedFault(grantType, http);
            if (injected.isPresent()) {
                return injected.get();
            }
            return switch (grantType) {
                case "authorization_code" -> codeGrant(http, form, authority);
                case "refresh_token" -> refreshGrant(http, form, authority);
                case "client_credentials" -> clientCredentialsGrant(http, form, authority);
                default -> throw new EntraFailure(EntraErrorCodes.AADSTS70003, Map.of("grantType", grantType));
            };
        } catch (EntraFailure failure) {
            return ErrorReply.of(failure.error(), failure.values(), baseUrl, http.getHeaders().get("client-request-id"))
                    .tokenEndpointResponse();
        }
    }

    /** Stalls, then maybe fails, a grant as {@link TokenFaults} say: before anything else, as a busy service would. */
    private Optional<OAuth2HttpResponse> injectedFault(String grantType, OAuth2HttpRequest http) {
        Stage stage = switch (grantType) {
            case "authorization_code" -> Stage.CODE_GRANT;
            case "refresh_token" -> Stage.REFRESH_GRANT;
            default -> null;
        };
        if (stage == null) {
            return Optional.empty();
        }
        Duration stall = faults.stallFor(stage);
        if (!stall.isZero()) {
            try {
                Thread.sleep(stall.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String correlationId = http.getHeaders().get("client-request-id");
        return faults.failureFor(stage).map(answer -> answer instanceof TokenFaults.EntraAnswer a
                ? ErrorReply.of(a.error(), Map.of(), baseUrl, correlationId).tokenEndpointResponse()
                : unavailable(((TokenFaults.Unavailable) answer).status(), correlationId));
    }

    /** What a front end answers while the token service behind it is down: no AADSTS code, but trace ids. */
    private static OAuth2HttpResponse unavailable(int status, String correlationId) {
        String traceId = UUID.randomUUID().toString();
        String correlation = correlationId != null ? correlationId : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "temporarily_unavailable");
        body.put("error_description", "The service is temporarily unavailable. Please try again later.\r\nTrace ID: "
                + traceId + "\r\nCorrelation ID: " + correlation);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlation);
        return Http.json(status, body, "Retry-After", "1", "x-ms-request-id", traceId);
    }

    private OAuth2HttpResponse codeGrant(OAuth2HttpRequest http, Http.Params form, Authority authority) {
        String value = required(form, "code");
        Optional<GrantStore.PendingCode> pending = grants.code(value);
        Map<String, String> values = messageValues(pending.map(GrantStore.PendingCode::signIn), form, authority);
        failIfScripted(Stage.CODE_GRANT, pending.map(c -> c.signIn().facts()), form, authority, values);

        ClientAuthenticator.Authenticated client =
                clients.authenticate(http, form, Discovery.tokenEndpoint(baseUrl, authority));
        GrantStore.PendingCode code = pending.orElseThrow(() -> new EntraFailure(EntraErrorCodes.AADSTS70000, values));
        SignIn signIn = code.signIn();
        if (!signIn.clientId().equals(client.clientId())) {
            throw new EntraFailure(EntraErrorCodes.AADSTS70000, values);
        }
        if (authority.isTenant() && !authority.segment().equals(signIn.tenantId())) {
            throw new EntraFailure(EntraErrorCodes.AADSTS700005, values);
        }
        String redirectUri = form.nonBlank("redirect_uri");
        if (!code.redirectUri().equals(redirectUri)) {
            values.put("redirectUri", String.valueOf(redirectUri));
            values.put("expectedRedirectUri", code.redirectUri());
            throw new EntraFailure(EntraErrorCodes.AADSTS500112, values);
        }
        // a code without a challenge exists only for a client registered with PKCE optional
        if (code.codeChallenge() != null && !pkceHolds(code.codeChallenge(), required(form, "code_verifier"))) {
            throw new EntraFailure(EntraErrorCodes.AADSTS501481, values);
        }
        if (!grants.redeem(code)) {
            throw new EntraFailure(EntraErrorCodes.AADSTS54005, values);
        }
        return issue(signIn, requestedScopes(form, signIn), code.nonce(), client.method(), Stage.CODE_GRANT);
    }

    private OAuth2HttpResponse refreshGrant(OAuth2HttpRequest http, Http.Params form, Authority authority) {
        String value = required(form, "refresh_token");
        Optional<GrantStore.RefreshToken> known = grants.refreshToken(value);
        Map<String, String> values = messageValues(known.map(GrantStore.RefreshToken::signIn), form, authority);
        failIfScripted(Stage.REFRESH_GRANT, known.map(t -> t.signIn().facts()), form, authority, values);

        ClientAuthenticator.Authenticated client =
                clients.authenticate(http, form, Discovery.tokenEndpoint(baseUrl, authority));
        GrantStore.RefreshToken token =
                known.orElseThrow(() -> new EntraFailure(EntraErrorCodes.AADSTS9002313, values));
        SignIn signIn = token.signIn();
        boolean inCustomer = authority.isTenant() && !authority.segment().equalsIgnoreCase(signIn.tenantId())
                && grants.delegated(signIn.tenantId(), authority.segment());
        if (!signIn.clientId().equals(client.clientId())
                || (authority.isTenant() && !authority.segment().equalsIgnoreCase(signIn.tenantId()) && !inCustomer)) {
            throw new EntraFailure(EntraErrorCodes.AADSTS70000, values);
        }
        values.put("issuedOn", token.issuedAt().toString());
        Optional<GrantStore.Cutoff> revoked = grants.revocationOf(token);
        if (revoked.isPresent()) {
            values.put("validFrom", revoked.get().at().toString());
            throw new EntraFailure(EntraErrorCodes.AADSTS50173, values);
        }
        if (grants.expiryOf(token).isPresent()) {
            throw new EntraFailure(EntraErrorCodes.AADSTS700082, values);
        }
        // a partner's token redeemed in a customer tenant it administers yields that tenant's tokens (DAP/GDAP)
        SignIn actingIn = inCustomer ? new SignIn(signIn.username(), authority.segment(), signIn.oid(), signIn.name(),
                signIn.mfa(), signIn.authTime(), signIn.clientId(), signIn.scopes()) : signIn;
        return issue(actingIn, requestedScopes(form, signIn), null, client.method(), Stage.REFRESH_GRANT);
    }

    /** App-only tokens: a tenant authority, a confidential client, and exactly one {@code <resource>/.default} scope. */
    private OAuth2HttpResponse clientCredentialsGrant(OAuth2HttpRequest http, Http.Params form, Authority authority) {
        Map<String, String> values = messageValues(Optional.empty(), form, authority);
        ClientAuthenticator.Authenticated client =
                clients.authenticate(http, form, Discovery.tokenEndpoint(baseUrl, authority));
        if (!authority.isTenant()) {
            throw new EntraFailure(EntraErrorCodes.AADSTS90002, values);
        }
        if (client.method() == ClientAuthenticator.Method.NONE) {
            throw new EntraFailure(EntraErrorCodes.AADSTS7000218, values);
        }
        String scope = required(form, "scope").trim();
        if (scope.contains(" ") || !scope.endsWith("/.default")) {
            values.put("scope", scope);
            throw new EntraFailure(EntraErrorCodes.AADSTS28000, values);
        }
        String audience = scope.substring(0, scope.length() - "/.default".length());
        String accessToken = minter.appToken(authority.segment(), client.clientId(), audience, client.method());
        ledger.record(SecretKind.ACCESS_TOKEN, authority.segment(), accessToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", TokenMinter.LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", TokenMinter.LIFETIME.toSeconds() - 1);
        body.put("access_token", accessToken);
        return Http.json(200, body);
    }

    private void failIfScripted(Stage stage, Optional<Match.RequestFacts> known, Http.Params form,
                                Authority authority, Map<String, String> values) {
        Match.RequestFacts facts = known.orElseGet(() -> new Match.RequestFacts(
                null, authority.isTenant() ? authority.segment() : null, form.nonBlank("client_id")));
        Optional<ScriptedFailure> scripted = scripts.failure(stage, facts);
        if (scripted.isPresent()) {
            throw new EntraFailure(scripted.get().error(), values);
        }
    }

    /** Entra's token response; the ID token only for openid, the refresh token only for offline_access. */
    private OAuth2HttpResponse issue(SignIn signIn, Scopes scopes, String nonce,
                                     ClientAuthenticator.Method method, Stage stage) {
        Scopes.Resource resource = scopes.resource();
        String tenantId = signIn.tenantId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", resource.granted());
        body.put("expires_in", TokenMinter.LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", TokenMinter.LIFETIME.toSeconds() - 1);
        String accessToken = minter.accessToken(signIn, resource, method);
        ledger.record(SecretKind.ACCESS_TOKEN, tenantId, accessToken);
        body.put("access_token", accessToken);
        if (signIn.scopes().contains("offline_access")) {
            String refreshToken = grants.newRefreshToken(signIn).value();
            ledger.record(SecretKind.REFRESH_TOKEN, tenantId, refreshToken);
            body.put("refresh_token", refreshToken);
        }
        if (scopes.has("openid")) {
            TamperRule tamper = scripts.tamper(stage, signIn.facts()).orElse(null);
            String idToken = minter.idToken(signIn, nonce, tamper);
            ledger.record(SecretKind.ID_TOKEN, tenantId, idToken);
            body.put("id_token", idToken);
        }
        return Http.json(200, body);
    }

    /** A token request may name other scopes than the sign-in did: that is how one refresh token serves many APIs. */
    private static Scopes requestedScopes(Http.Params form, SignIn signIn) {
        Scopes requested = Scopes.parse(form.get("scope"));
        return requested.isEmpty() ? new Scopes(signIn.scopes()) : requested;
    }

    private static boolean pkceHolds(String challenge, String verifier) {
        try {
            return CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue()
                    .equals(challenge);
        } catch (IllegalArgumentException malformedVerifier) {
            return false;
        }
    }

    private static String required(Http.Params form, String name) {
        String value = form.nonBlank(name);
        if (value == null) {
            throw new EntraFailure(EntraErrorCodes.AADSTS900144, Map.of("parameter", name));
        }
        return value;
    }

    private Map<String, String> messageValues(Optional<SignIn> signIn, Http.Params form, Authority authority) {
        Map<String, String> values = new HashMap<>();
        String clientId = signIn.map(SignIn::clientId).orElse(form.nonBlank("client_id"));
        if (clientId != null) {
            values.put("clientId", clientId);
        }
        String tenantId = signIn.map(SignIn::tenantId).orElse(authority.segment());
        values.put("tenantId", tenantId);
        values.put("userTenantId", tenantId);
        values.put("tenantName", DemoTenants.displayName(tenantId));
        signIn.ifPresent(s -> values.put("user", s.username()));
        values.put("appName", clients.appName(clientId));
        Scopes scopes = Scopes.parse(form.get("scope"));
        if (scopes.isEmpty()) {
            scopes = new Scopes(signIn.map(SignIn::scopes).orElse(List.of()));
        }
        values.put("scope", scopes.joined());
        values.put("resource", AuthorizeEndpoint.resourceName(scopes));
        return values;
    }
}
