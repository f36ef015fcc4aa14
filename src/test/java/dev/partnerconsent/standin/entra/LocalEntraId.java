package dev.partnerconsent.standin.entra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A local OpenID provider shaped like Microsoft Entra ID (v2.0 endpoints), on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (LocalEntraId entra = LocalEntraId.start(0)) {
 *     entra.registerClient(ClientRegistration.of(clientId).withSecret(secret).withRedirectUris(redirect));
 *     String authority = entra.organizationsAuthority();   // <base>/organizations/v2.0
 *     ...
 * }
 * }</pre>
 *
 * <p>Endpoints, for any tenant GUID or {@code organizations}/{@code common}:
 * {@code /{t}/v2.0/.well-known/openid-configuration}, {@code /{t}/oauth2/v2.0/authorize},
 * {@code /{t}/oauth2/v2.0/token}, {@code /{t}/discovery/v2.0/keys}, {@code /{t}/oauth2/v2.0/logout};
 * also {@code /} (start page) and {@code /error?code=N} (the {@code error_uri} of error replies).
 *
 * <p>The sign-in page (GET authorize) has the fields {@code username}, {@code tenant} (GUID;
 * read-only when the authority is a tenant), checkbox {@code mfa} (ticked by default) and the
 * buttons {@code signin} and {@code cancel} (these are the element ids too). Without a browser,
 * POST {@code application/x-www-form-urlencoded} to the same authorize URL (same query string):
 * {@code username=…&tenant=<guid>&mfa=on&action=signin} (omit {@code mfa} for a sign-in without
 * MFA; {@code action=cancel} to decline). {@link LoginFormClient} does exactly that.
 *
 * <p>Deliberate differences from Entra: every tenant GUID exists; PKCE with S256 is required;
 * there is no SSO session ({@code prompt=none} answers {@code login_required}); unregistered
 * clients are accepted with any credentials and redirect URI.
 */
public final class LocalEntraId implements AutoCloseable {

    /** Partner Center's delegated scope, as the Secure Application Model asks for it. */
    public static final String PARTNER_CENTER_SCOPE = "https://api.partnercenter.microsoft.com/user_impersonation";
    public static final String PARTNER_CENTER_AUDIENCE = Scopes.PARTNER_CENTER;
    public static final String GRAPH_AUDIENCE = Scopes.GRAPH;

    private final MockOAuth2Server server;
    private final String baseUrl;
    private final Ledger ledger;
    private final Scripts scripts;
    private final GrantStore grants;
    private final ClientAuthenticator clients;
    private final SigningKeyRing keys;
    private final AppRoles roles;
    private final AppRoles directoryRoles;
    private final TokenFaults tokenFaults;

    private LocalEntraId(MockOAuth2Server server, String baseUrl, Ledger ledger, Scripts scripts, GrantStore grants,
                         ClientAuthenticator clients, SigningKeyRing keys, AppRoles roles, AppRoles directoryRoles,
                        TokenFaults tokenFaults) {
        this.directoryRoles = directoryRoles;
        this.tokenFaults = tokenFaults;
        this.server = server;
        this.baseUrl = baseUrl;
        this.ledger = ledger;
        this.scripts = scripts;
        this.grants = grants;
        this.clients = clients;
        this.keys = keys;
        this.roles = roles;
    }

    /** Starts on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static LocalEntraId start(int port) {
        Ledger ledger = new Ledger();
        Scripts scripts = new Scripts();
        GrantStore grants = new GrantStore();
        ClientAuthenticator clients = new ClientAuthenticator();
        SigningKeyRing keys = new SigningKeyRing();
        TokenFaults tokenFaults = new TokenFaults();
        // Every URL the provider hands out contains the port, which is known only once bound.
        LateRoute route = new LateRoute();
        MockWebServerWrapper http = new MockWebServerWrapper();
        http.getMockWebServer().setServerSocketFactory(new NoDelayServerSocketFactory());
        MockOAuth2Server server = new MockOAuth2Server(
                new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(), http), route);
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Entra ID on port " + port, e);
        }
        String baseUrl = "http://127.0.0.1:" + server.getConfig().getHttpServer().port();
        AppRoles roles = new AppRoles();
        AppRoles directoryRoles = new AppRoles();
        TokenMinter minter = new TokenMinter(keys, baseUrl, roles, directoryRoles, clients);
        route.target = new EntraRouter(baseUrl, ledger, keys,
                new AuthorizeEndpoint(baseUrl, ledger, scripts, grants, clients),
                new TokenEndpoint(baseUrl, ledger, scripts, grants, clients, minter, tokenFaults));
        return new LocalEntraId(server, baseUrl, ledger, scripts, grants, clients, keys, roles, directoryRoles, tokenFaults);
    }

    /** Answers 503 until the real router is in place. */
    private static final class LateRoute implements Route {
        private volatile Route target;

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return true;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            Route current = target;
            return current != null ? current.invoke(request)
                    : Http.json(503, Map.of("error", "temporarily_unavailable"));
        }
    }

    // --- addresses ---------------------------------------------------------------------------------

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code <base>/<tenantOrAlias>/v2.0}: a tenant's issuer, or the authority of an alias. */
    public String authority(String tenantOrAlias) {
        return baseUrl + "/" + authorityOf(tenantOrAlias).segment() + "/v2.0";
    }

    public String organizationsAuthority() {
        return authority(Authority.ORGANIZATIONS);
    }

    public String commonAuthority() {
        return authority(Authority.COMMON);
    }

    /** The issuer of ID tokens for a tenant (also {@link #authority(String)} of that tenant). */
    public String issuer(String tenantId) {
        return authority(tenantId);
    }

    public String metadataUrl(String tenantOrAlias) {
        return Discovery.metadataUrl(baseUrl, authorityOf(tenantOrAlias));
    }

    public String authorizationEndpoint(String tenantOrAlias) {
        return Discovery.authorizationEndpoint(baseUrl, authorityOf(tenantOrAlias));
    }

    public String tokenEndpoint(String tenantOrAlias) {
        return Discovery.tokenEndpoint(baseUrl, authorityOf(tenantOrAlias));
    }

    public String jwksUri(String tenantOrAlias) {
        return Discovery.jwksUri(baseUrl, authorityOf(tenantOrAlias));
    }

    // --- clients -----------------------------------------------------------------------------------

    /** Registers (or replaces) a client; unregistered clients are accepted with any credentials. */
    public void registerClient(ClientRegistration registration) {
        clients.register(Objects.requireNonNull(registration));
    }

    // --- scripting ---------------------------------------------------------------------------------

    /** Arms rules (failures and tampering) until the returned script is closed or {@link #clearScripts()}. */
    public Script script(Rule... rules) {
        return scripts.add(List.of(rules));
    }

    public void clearScripts() {
        scripts.clear();
    }

    /** A share of token grants failing or stalling, for fault and load tests; {@link TokenFaults#reset()} to end. */
    public TokenFaults tokenFaults() {
        return tokenFaults;
    }

    /**
     * Publishes a new signing key and signs with it from now on.
     *
     * @param keepPrevious true to keep the old keys in the JWKS (Entra's overlap), false to drop them
     * @return the new key id
     */
    public String rotateSigningKey(boolean keepPrevious) {
        return keys.rotate(keepPrevious);
    }

    /** {@link #rotateSigningKey(boolean)} keeping the old key published, as Entra does during a rollover. */
    public String rotateSigningKey() {
        return rotateSigningKey(true);
    }

    /** The published signing keys, read in process: for other stand-ins that check tokens without counting as a JWKS request. */
    public com.nimbusds.jose.jwk.JWKSet publishedKeys() {
        return keys.publicJwkSet();
    }

    public String signingKeyId() {
        return keys.current().getKeyID();
    }

    /** Later refresh grants with tokens issued so far answer AADSTS50173; {@code user} null means the whole tenant. */
    public void revokeRefreshTokens(String tenantId, String user) {
        grants.revoke(tenantId, user);
    }

    /** Later refresh grants with tokens issued so far answer AADSTS700082; {@code user} null means the whole tenant. */
    public void expireRefreshTokens(String tenantId, String user) {
        grants.expire(tenantId, user);
    }

    /**
     * Seeds a consent without the sign-in pages: records a completed sign-in of {@code username} in {@code tenantId}
     * for {@code clientId} and returns its refresh token, exactly as the code grant would have issued it (revocable,
     * expirable, rotating, in the ledger). For tests and benchmarks that need many stored consents quickly.
     *
     * @param scopes the scopes consented to, space-separated (must include {@code offline_access})
     */
    public String issueRefreshToken(String tenantId, String username, boolean mfa, String clientId, String scopes) {
        Authority.parse(tenantId).filter(Authority::isTenant)
                .orElseThrow(() -> new IllegalArgumentException("not a tenant id: " + tenantId));
        SignIn signIn = SignIn.of(username, tenantId, mfa, clientId, Scopes.parse(scopes).values());
        if (!signIn.scopes().contains("offline_access")) {
            throw new IllegalArgumentException("a refresh token needs the offline_access scope");
        }
        String value = grants.newRefreshToken(signIn).value();
        ledger.record(SecretKind.REFRESH_TOKEN, tenantId, value);
        return value;
    }

    /**
     * Lets the admin agents of {@code partnerTenantId} act in {@code customerTenantId} (a DAP/GDAP relationship): their
     * refresh tokens can then be redeemed at the customer tenant's token endpoint, for tokens of that tenant.
     */
    public void grantDelegatedAdmin(String partnerTenantId, String customerTenantId) {
        grants.delegate(partnerTenantId, customerTenantId);
    }

    /**
     * Assigns an app role in a tenant: to a user (user name; the role then appears in that user's ID tokens'
     * {@code roles}) or to an application (client id; in its client-credentials tokens' {@code roles}).
     */
    public void assignAppRole(String tenantId, String principal, String role) {
        roles.assign(tenantId, principal, role);
    }

    /** The object id this stand-in gives {@code username} in {@code tenantId} (stable, as in Entra). */
    public static String objectIdOf(String tenantId, String username) {
        return SignIn.objectId(tenantId, username);
    }

    /**
     * Signs any claims with the current published key, as Entra signs its tokens: for tests of what a relying party
     * must refuse although the signature is good (wrong issuer, expired, no tid, an ID token used as a bearer token).
     */
    public String signWithCurrentKey(com.nimbusds.jwt.JWTClaimsSet claims) {
        return TokenMinter.sign(claims, keys.current());
    }

    /**
     * Assigns a directory role (its template id, e.g. Global Administrator's {@code 62e90394-…}) to a user of a tenant:
     * it appears in the {@code wids} of ID tokens for apps registered with {@link ClientRegistration#withDirectoryRoleClaims()}.
     */
    public void assignDirectoryRole(String tenantId, String username, String roleTemplateId) {
        directoryRoles.assign(tenantId, username, roleTemplateId);
    }

    // --- accounting --------------------------------------------------------------------------------

    /** Every code, access token, ID token (tampered ones too) and refresh token handed out, in order. */
    public List<String> issuedSecrets() {
        return ledger.issued().stream().map(IssuedSecret::value).toList();
    }

    public List<IssuedSecret> issued() {
        return ledger.issued();
    }

    /** Refresh tokens issued for a tenant, oldest first. */
    public List<String> refreshTokensIssued(String tenantId) {
        return ledger.issued().stream()
                .filter(s -> s.kind() == SecretKind.REFRESH_TOKEN && s.tenantId().equalsIgnoreCase(tenantId))
                .map(IssuedSecret::value)
                .toList();
    }

    public Optional<String> lastRefreshToken(String tenantId) {
        List<String> tokens = refreshTokensIssued(tenantId);
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(tokens.size() - 1));
    }

    public long requestCount(Endpoint endpoint) {
        return ledger.count(endpoint);
    }

    public void resetRequestCounts() {
        ledger.resetCounts();
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.shutdown();
    }

    private static Authority authorityOf(String tenantOrAlias) {
        return Authority.parse(tenantOrAlias).orElseThrow(() -> new IllegalArgumentException(
                "not a tenant id (GUID), 'organizations' or 'common': " + tenantOrAlias));
    }

    /**
     * Runs the local Entra ID until the process is stopped: {@code java ... LocalEntraId [port]}
     * (default 8481).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8481;
        CountDownLatch stopped = new CountDownLatch(1);
        LocalEntraId entra = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            entra.close();
            stopped.countDown();
        }, "local-entra-shutdown"));
        System.out.println("Local Entra ID at " + entra.baseUrl());
        System.out.println("  authority: " + entra.organizationsAuthority());
        DemoTenants.ALL.forEach(t -> System.out.println("  tenant " + t.id() + "  " + t.displayName()));
        stopped.await();
    }
}
