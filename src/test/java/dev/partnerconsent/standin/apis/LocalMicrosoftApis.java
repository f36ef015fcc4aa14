package dev.partnerconsent.standin.apis;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.partnerconsent.standin.tls.StandInTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Partner Center and Microsoft Graph as the access check meets them, on one HTTPS port:
 * <ul>
 *   <li>{@code GET /partnercenter/v1/profiles/organization}: needs a token for {@code https://api.partnercenter.microsoft.com}
 *   whose {@code amr} holds {@code mfa}; without MFA it answers 401 with Partner Center's error code 900421;</li>
 *   <li>{@code GET /graph/v1.0/organization}: needs a token for {@code https://graph.microsoft.com}.</li>
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

    private LocalMicrosoftApis(HttpsServer server, ExecutorService executor, URI jwksUri) {
        this.server = server;
        this.executor = executor;
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL()).rateLimited(false).build();
            jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        // Entra's v1 access tokens are typed "JWT"; audience and tenant are checked per API below
        jwt.setJWSTypeVerifier((type, context) -> { });
        server.createContext("/partnercenter/v1/profiles/organization", ex -> answer(ex, "partner-center", PARTNER_CENTER, true));
        server.createContext("/graph/v1.0/organization", ex -> answer(ex, "graph", GRAPH, false));
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port), trusting tokens signed by the keys at {@code jwksUri}. */
    public static LocalMicrosoftApis start(StandInTls tls, int port, String jwksUri) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-microsoft-apis");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
            server.setExecutor(executor);
            LocalMicrosoftApis apis = new LocalMicrosoftApis(server, executor, URI.create(jwksUri));
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

    private String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange ex, String api, String audience, boolean mfaRequired) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                reply(ex, 405, "{\"error\":{\"code\":\"MethodNotAllowed\"}}");
                return;
            }
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
                return;
            }
            String tenant = claims.getClaim("tid") instanceof String t ? t : "";
            List<String> amr = claims.getClaim("amr") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            String aud = claims.getAudience().isEmpty() ? "" : claims.getAudience().get(0);
            if (!audience.equals(aud) || tenant.isEmpty()) {
                calls.add(new ApiCall(api, 401, tenant, aud, amr));
                reply(ex, 401, api.equals("graph")
                        ? "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Invalid audience.\"}}"
                        : "{\"code\":600002,\"description\":\"Authentication failed: the token was issued for " + aud + ".\"}");
                return;
            }
            if (mfaRequired && !amr.contains("mfa")) {
                calls.add(new ApiCall(api, 401, tenant, aud, amr));
                reply(ex, 401, "{\"code\":900421,\"description\":\"Authentication failed: MFA is required. The access token "
                        + "does not carry the MFA claim.\",\"errorName\":\"MfaRequired\"}");
                return;
            }
            calls.add(new ApiCall(api, 200, tenant, aud, amr));
            reply(ex, 200, api.equals("graph")
                    ? "{\"value\":[{\"id\":\"" + tenant + "\",\"displayName\":\"Tenant " + tenant.substring(0, 8) + "\"}]}"
                    : "{\"id\":\"" + tenant + "\",\"companyName\":\"Partner " + tenant.substring(0, 8) + "\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
