package dev.partnerconsent.standin.apis;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.partnerconsent.standin.entra.DemoTenant;
import dev.partnerconsent.standin.entra.DemoTenants;
import dev.partnerconsent.standin.tls.StandInTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Partner Center and Microsoft Graph as the access check meets them, on one HTTPS port:
 * <ul>
 *   <li>{@code GET /partnercenter/v1/profiles/organization}: needs a token for {@code https://api.partnercenter.microsoft.com}
 *   whose {@code amr} holds {@code mfa}; without MFA it answers 401 with Partner Center's error code 900421; a user
 *   who is not an admin agent ({@link #revokeAdminAgent}), or any user of a tenant that is not a partner
 *   ({@link #notAPartner}), gets 403; otherwise 200 with the partner's {@code companyName};</li>
 *   <li>{@code GET /graph/v1.0/organization}: needs a token for {@code https://graph.microsoft.com};</li>
 *   <li>the partner's customers, their application consents and GDAP relationships ({@link CustomerRoutes}, seeded
 *   from {@link #customers()}), under the same token checks.</li>
 * </ul>
 * Tokens are verified against the local Entra ID's published keys. Base URLs: {@link #partnerCenterUrl()},
 * {@link #graphUrl()}.
 */
public final class LocalMicrosoftApis implements AutoCloseable {

    static final String PARTNER_CENTER = "https://api.partnercenter.microsoft.com";
    static final String GRAPH = "https://graph.microsoft.com";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
    private final List<ApiCall> calls = new CopyOnWriteArrayList<>();
    /** {@code tenant|upn} of users who signed in fine but hold no admin agent role in Partner Center. */
    private final Set<String> notAdminAgents = ConcurrentHashMap.newKeySet();
    private final Set<String> notPartners = ConcurrentHashMap.newKeySet();
    private final Set<String> mfaUnrecognised = ConcurrentHashMap.newKeySet();
    private final CustomerBook customers = new CustomerBook();
    private final CustomerRoutes customerRoutes;

    private LocalMicrosoftApis(HttpsServer server, ExecutorService executor, Supplier<JWKSet> publishedKeys,
                               java.util.function.BiConsumer<String, String> onApplicationConsent) {
        this.server = server;
        this.customerRoutes = new CustomerRoutes(customers, onApplicationConsent, this::base);
        this.executor = executor;
        // read in process, so that the app's own JWKS requests stay countable
        JWKSource<SecurityContext> keys = (selector, context) -> selector.select(publishedKeys.get());
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Entra's v1 access tokens are typed "JWT"; audience and tenant are checked per API below
        jwt.setJWSTypeVerifier((type, context) -> { });
        server.createContext("/partnercenter/v1/profiles/organization", ex -> answer(ex, "partner-center", PARTNER_CENTER, true));
        server.createContext("/graph/v1.0/organization", ex -> answer(ex, "graph", GRAPH, false));
        server.createContext("/partnercenter/v1/customers", ex -> answer(ex, "partner-center", PARTNER_CENTER, true,
                (e, claims) -> {
                    int refused = partnerRefusal(e, claims);
                    return refused != 0 ? refused : customerRoutes.partnerCenter(e, claims);
                }));
        server.createContext("/graph/v1.0/tenantRelationships", ex -> answer(ex, "graph", GRAPH, false, customerRoutes::graph));
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port), trusting tokens signed by the local Entra ID's published keys. */
    public static LocalMicrosoftApis start(StandInTls tls, int port, Supplier<JWKSet> publishedKeys) {
        return start(tls, port, publishedKeys, (partner, customer) -> { });
    }

    /**
     * As {@link #start(StandInTls, int, Supplier)}; {@code onApplicationConsent} hears of each application consent created
     * in a customer (partner tenant, customer tenant), so the local Entra ID can let the app in there.
     */
    public static LocalMicrosoftApis start(StandInTls tls, int port, Supplier<JWKSet> publishedKeys,
                                           java.util.function.BiConsumer<String, String> onApplicationConsent) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-microsoft-apis");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
            server.setExecutor(executor);
            LocalMicrosoftApis apis = new LocalMicrosoftApis(server, executor, publishedKeys, onApplicationConsent);
            server.start();
            return apis;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    public String partnerCenterUrl() {
        return base() + "/partnercenter";
    }

    public String graphUrl() {
        return base() + "/graph";
    }

    /** Every call answered, in order. */
    public List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** From now on Partner Center answers this user of this tenant 403: a user of the tenant, but not an admin agent. */
    public void revokeAdminAgent(String tenantId, String username) {
        notAdminAgents.add(key(tenantId, username));
    }

    /** From now on Partner Center answers every user of this tenant 403: the tenant is not enrolled as a partner. */
    public void notAPartner(String tenantId) {
        notPartners.add(tenantId.toLowerCase(Locale.ROOT));
    }

    /**
     * From now on Partner Center answers this tenant's tokens 900421 whatever their {@code amr} says, as it does when
     * MFA done at a federated identity provider does not count for it.
     */
    public void refuseMfaOf(String tenantId) {
        mfaUnrecognised.add(tenantId.toLowerCase(Locale.ROOT));
    }

    /** The partner's customers, their GDAP relationships and application consents. */
    public CustomerBook customers() {
        return customers;
    }

    /** Forgets the calls and every user or tenant made to be refused; seeds the customers again. */
    public void reset() {
        customers.seed(CustomerBook.DEFAULT_COUNT);
        calls.clear();
        notAdminAgents.clear();
        notPartners.clear();
        mfaUnrecognised.clear();
    }

    private static String key(String tenantId, String username) {
        return tenantId.toLowerCase(Locale.ROOT) + "|" + username.toLowerCase(Locale.ROOT);
    }

    private String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What a route does once the caller's token passed the API's checks. */
    @FunctionalInterface
    interface Route {
        /** @return the status answered */
        int handle(HttpExchange ex, JWTClaimsSet claims) throws IOException;
    }

    /** Where a route finds the request's body, read before anything is answered. */
    static final String BODY = "request-body";
    /** What records an authorized call, run as its answer is sent. */
    static final String ON_REPLY = "on-reply";

    private void answer(HttpExchange ex, String api, String audience, boolean mfaRequired, Route route) throws IOException {
        try (ex) {
            // read whole first: a body left unread closes the connection, and a client reusing it would meet no answer
            ex.setAttribute(BODY, ex.getRequestBody().readAllBytes());
            Optional<JWTClaimsSet> claims = authorized(ex, api, audience, mfaRequired);
            if (claims.isPresent()) {
                JWTClaimsSet c = claims.get();
                // recorded as the answer goes out, not after: a test reads the calls once its client has the answer
                java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
                ex.setAttribute(ON_REPLY, (java.util.function.IntConsumer) status -> {
                    if (recorded.compareAndSet(false, true)) {
                        calls.add(new ApiCall(api, status, String.valueOf(c.getClaim("tid")),
                                c.getAudience().isEmpty() ? "" : c.getAudience().get(0), amrOf(c)));
                    }
                });
                route.handle(ex, c);
            }
        }
    }

    private static List<String> amrOf(JWTClaimsSet claims) {
        return claims.getClaim("amr") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** The token's claims when it passes the API's checks; otherwise answers the refusal and records the call. */
    private Optional<JWTClaimsSet> authorized(HttpExchange ex, String api, String audience, boolean mfaRequired) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        JWTClaimsSet claims;
        try {
            if (auth == null || !auth.startsWith("Bearer ")) {
                throw new IllegalArgumentException("no bearer token");
            }
            claims = jwt.process(auth.substring(7), null);
        } catch (Exception e) {
            calls.add(new ApiCall(api, 401, "", "", List.of()));
            reply(ex, 401, api.equals("graph")
                    ? "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token validation failure.\"}}"
                    : "{\"code\":600001,\"description\":\"Authentication failed: the token is not valid.\"}");
            return Optional.empty();
        }
        String tenant = claims.getClaim("tid") instanceof String t ? t : "";
        List<String> amr = amrOf(claims);
        String aud = claims.getAudience().isEmpty() ? "" : claims.getAudience().get(0);
        if (!audience.equals(aud) || tenant.isEmpty()) {
            calls.add(new ApiCall(api, 401, tenant, aud, amr));
            reply(ex, 401, api.equals("graph")
                    ? "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Invalid audience.\"}}"
                    : "{\"code\":600002,\"description\":\"Authentication failed: the token was issued for " + aud + ".\"}");
            return Optional.empty();
        }
        if (mfaRequired && (!amr.contains("mfa") || mfaUnrecognised.contains(tenant.toLowerCase(Locale.ROOT)))) {
            calls.add(new ApiCall(api, 401, tenant, aud, amr));
            reply(ex, 401, "{\"code\":900421,\"description\":\"Authentication failed: MFA is required. The access token "
                    + "does not carry the MFA claim.\",\"errorName\":\"MfaRequired\"}");
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    private void answer(HttpExchange ex, String api, String audience, boolean mfaRequired) throws IOException {
        answer(ex, api, audience, mfaRequired, api.equals("graph") ? LocalMicrosoftApis::organization : this::profile);
    }

    private static int organization(HttpExchange ex, JWTClaimsSet claims) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            reply(ex, 405, "{\"error\":{\"code\":\"MethodNotAllowed\"}}");
            return 405;
        }
        String tenant = String.valueOf(claims.getClaim("tid"));
        reply(ex, 200, "{\"value\":[{\"id\":\"" + tenant + "\",\"displayName\":\"Tenant " + tenant.substring(0, 8) + "\"}]}");
        return 200;
    }

    private int profile(HttpExchange ex, JWTClaimsSet claims) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            reply(ex, 405, "{\"error\":{\"code\":\"MethodNotAllowed\"}}");
            return 405;
        }
        int refused = partnerRefusal(ex, claims);
        if (refused != 0) {
            return refused;
        }
        String tenant = String.valueOf(claims.getClaim("tid"));
        reply(ex, 200, "{\"id\":\"" + tenant + "\",\"tenantId\":\"" + tenant + "\",\"companyName\":\"" + companyName(tenant) + "\"}");
        return 200;
    }

    /**
     * Partner Center's refusal of a caller that is not an admin agent of a partner: answered here, returning its status;
     * 0 when the caller may go on.
     */
    int partnerRefusal(HttpExchange ex, JWTClaimsSet claims) throws IOException {
        String tenant = String.valueOf(claims.getClaim("tid"));
        String upn = claims.getClaim("upn") instanceof String u ? u : "";
        if (notPartners.contains(tenant.toLowerCase(Locale.ROOT))) {
            reply(ex, 403, "{\"code\":600010,\"description\":\"Forbidden: tenant " + tenant
                    + " is not a partner in Partner Center.\",\"errorName\":\"Forbidden\"}");
            return 403;
        }
        if (notAdminAgents.contains(key(tenant, upn))) {
            reply(ex, 403, "{\"code\":403,\"description\":\"Forbidden: the user is not an admin agent of this "
                    + "partner.\",\"errorName\":\"Forbidden\"}");
            return 403;
        }
        return 0;
    }

    /** The demo tenants' names, else "Partner" and the tenant id's first block. */
    public static String companyName(String tenantId) {
        return DemoTenants.byId(tenantId).map(DemoTenant::displayName).orElse("Partner " + tenantId.substring(0, 8));
    }

    static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        replying(ex, status);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** An answer without a body (e.g. 204). */
    static void replyEmpty(HttpExchange ex, int status) throws IOException {
        replying(ex, status);
        ex.sendResponseHeaders(status, -1);
    }

    /** Records the call (see {@link #ON_REPLY}) before the client can see the answer. */
    private static void replying(HttpExchange ex, int status) {
        if (ex.getAttribute(ON_REPLY) instanceof java.util.function.IntConsumer record) {
            record.accept(status); // once: it ignores a second answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
