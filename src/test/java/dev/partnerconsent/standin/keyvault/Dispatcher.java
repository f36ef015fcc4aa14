package dev.partnerconsent.standin.keyvault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one handler of the emulator's server: routes a request, applies latency, api-version check, authentication
 * and injected faults (in that order), runs it, counts it, then answers.
 */
final class Dispatcher implements HttpHandler {

    private final SecretsApi secrets;
    private final EntraTokenEndpoint entra;
    private final ManagedIdentityEndpoint managedIdentity;
    private final TokenService tokens;
    private final Faults faults;
    private final RequestCounters counters;
    private final VaultIdentity vault;
    private final Clock clock;
    private final String challenge;

    Dispatcher(SecretsApi secrets, EntraTokenEndpoint entra, ManagedIdentityEndpoint managedIdentity,
            TokenService tokens, Faults faults, RequestCounters counters, VaultIdentity vault, Clock clock,
            String authorizationUri) {
        this.secrets = secrets;
        this.entra = entra;
        this.managedIdentity = managedIdentity;
        this.tokens = tokens;
        this.faults = faults;
        this.counters = counters;
        this.vault = vault;
        this.clock = clock;
        this.challenge = "Bearer authorization=\"" + authorizationUri + "\", resource=\""
                + TokenService.KEY_VAULT_AUDIENCE + "\"";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Instant receivedAt = clock.instant();
            HttpRequest request = HttpRequest.read(exchange);
            Route route = route(request);
            if (route == null) {
                vaultReply(request, VaultError.of(404, "NotFound", "No such endpoint in the Key Vault emulator: "
                        + request.method() + " " + request.uri().getPath())).send(exchange);
                return;
            }
            Principal caller = null;
            HttpReply reply;
            counters.arrived(route.operation());
            try {
                pause(faults.delayFor(route.operation()));
                if (route.vault()) {
                    SecretsApi.checkApiVersion(request);
                    caller = tokens.authenticate(request.header("Authorization"));
                    injectVaultFaults(route, caller);
                } else {
                    injectTokenFaults();
                }
                reply = route.handler().apply(request);
            } catch (VaultError e) {
                reply = route.vault() ? vaultReply(request, e) : tokenFaultReply(e);
            } catch (RuntimeException e) {
                reply = vaultReply(request, VaultError.of(500, "InternalServerError",
                        "The Key Vault emulator failed: " + e));
            }
            if (route.vault()) {
                reply.withHeaders(vaultHeaders(request));
            }
            counters.record(new RequestRecord(route.operation(), receivedAt, reply.status(), caller));
            reply.send(exchange);
        } finally {
            exchange.close();
        }
    }

    private Route route(HttpRequest request) {
        return Stream.of(secrets.route(request), managedIdentity.route(request), entra.route(request))
                .filter(r -> r != null)
                .findFirst()
                .orElse(null);
    }

    private void injectVaultFaults(Route route, Principal caller) {
        if (faults.isForbidden(route.operation(), caller)) {
            throw faults.currentPermissionModel().forbidden(route.operation(), caller, vault, route.secretName());
        }
        faults.statusFor(route.operation()).ifPresent(injected -> {
            throw switch (injected.status()) {
                case 429 -> retryAfter(VaultError.of(429, "Throttled", "Request was not processed because too many "
                        + "requests were received. Reason: VaultRequestTypeLimitReached"), injected.retryAfter());
                case 503 -> VaultError.of(503, "ServiceUnavailable",
                        "The service is unavailable (fault injected by the Key Vault emulator).");
                default -> VaultError.of(injected.status(), "InternalServerError",
                        "An internal server error occurred (fault injected by the Key Vault emulator).");
            };
        });
    }

    private void injectTokenFaults() {
        faults.statusFor(Operation.TOKEN).ifPresent(injected -> {
            VaultError error = VaultError.of(injected.status(), "temporarily_unavailable",
                    "The token service is unavailable (fault injected by the Key Vault emulator).");
            throw injected.status() == 429 ? retryAfter(error, injected.retryAfter()) : error;
        });
    }

    /** Key Vault sends whole seconds; a sub-second test delay also goes out as {@code x-ms-retry-after-ms}. */
    private static VaultError retryAfter(VaultError error, Duration delay) {
        long seconds = (delay.toMillis() + 999) / 1000;
        error.withHeader("Retry-After", Long.toString(seconds));
        if (delay.toMillis() % 1000 != 0) {
            error.withHeader("x-ms-retry-after-ms", Long.toString(delay.toMillis()));
        }
        return error;
    }

    private HttpReply vaultReply(HttpRequest request, VaultError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.innerCode() != null) {
            error.put("innererror", Map.of("code", e.innerCode()));
        }
        HttpReply reply = HttpReply.json(e.status(), Map.of("error", error)).withHeaders(e.headers());
        if (e.status() == 401) {
            reply.withHeader("WWW-Authenticate", challenge);
        }
        return reply;
    }

    private static HttpReply tokenFaultReply(VaultError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("error_description", e.getMessage());
        return HttpReply.json(e.status(), body).withHeaders(e.headers());
    }

    private Map<String, String> vaultHeaders(HttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.put("x-ms-request-id", UUID.randomUUID().toString());
        headers.put("x-ms-keyvault-region", vault.location());
        headers.put("x-ms-keyvault-service-version", "1.9.0.0-local-keyvault");
        String clientRequestId = request.header("x-ms-client-request-id");
        if (clientRequestId != null) {
            headers.put("x-ms-client-request-id", clientRequestId);
        }
        return headers;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
