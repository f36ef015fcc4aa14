package dev.partnerconsent.standin.keyvault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An Entra-shaped client-credentials endpoint, {@code POST /{tenant}/oauth2/v2.0/token}, which is all MSAL needs for
 * {@code ClientSecretCredential} once instance discovery is disabled. Refusals carry Entra's AADSTS codes and body
 * (error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri).
 */
final class EntraTokenEndpoint {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Directory directory;
    private final TokenService tokens;
    private final Clock clock;
    private final String authorityHost;

    EntraTokenEndpoint(Directory directory, TokenService tokens, Clock clock, String authorityHost) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.authorityHost = authorityHost;
    }

    /** {@code /{tenant}/oauth2/v2.0/token}, or null for other paths. */
    Route route(HttpRequest request) {
        List<String> s = request.segments();
        if (s.size() == 4 && s.get(1).equals("oauth2") && s.get(2).equals("v2.0") && s.get(3).equals("token")) {
            return Route.token(r -> token(r, s.get(0)));
        }
        return null;
    }

    private HttpReply token(HttpRequest request, String tenant) {
        if (!request.method().equals("POST")) {
            return error(request, 405, "invalid_request", 900561, "The endpoint only accepts POST requests. "
                    + "Received a " + request.method() + " request.");
        }
        if (!tenant.equalsIgnoreCase(directory.tenantId())) {
            return error(request, 400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make "
                    + "sure you have the correct tenant ID and are signing into the correct cloud. Check with your "
                    + "subscription administrator, this may happen if there are no active subscriptions for the "
                    + "tenant.");
        }
        Map<String, String> form = request.form();
        String grantType = form.getOrDefault("grant_type", "");
        if (!grantType.equals("client_credentials")) {
            return error(request, 400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'. This emulator serves "
                            + "client_credentials only.");
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return error(request, 400, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'.");
        }
        Optional<Directory.Client> client = directory.client(clientId);
        if (client.isEmpty()) {
            return error(request, 400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + directory.tenantId() + "'. This can happen if the "
                    + "application has not been installed by the administrator of the tenant or consented to by any "
                    + "user in the tenant. You may have sent your authentication request to the wrong tenant.");
        }
        String secret = form.get("client_secret");
        if (secret == null || secret.isEmpty()) {
            return error(request, 401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' "
                    + "is required for the 'client_credentials' grant type.");
        }
        if (!secret.equals(client.get().secret())) {
            return error(request, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID, for a secret "
                    + "added to app '" + clientId + "'.");
        }
        String scope = form.getOrDefault("scope", "");
        Optional<String> resource = Arrays.stream(scope.split(" "))
                .filter(s -> s.endsWith("/.default"))
                .map(s -> s.substring(0, s.length() - "/.default".length()))
                .findFirst();
        if (resource.isEmpty()) {
            return error(request, 400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not "
                    + "valid. Client credential flows must have a scope value with /.default suffixed to the resource "
                    + "identifier (application ID URI).");
        }
        TokenService.IssuedToken token = tokens.issue(client.get().principal(), resource.get());
        long expiresIn = Math.max(0, token.expiresOn().getEpochSecond() - clock.instant().getEpochSecond());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("ext_expires_in", expiresIn);
        body.put("access_token", token.token());
        return HttpReply.json(200, body);
    }

    private HttpReply error(HttpRequest request, int status, String error, int code, String description) {
        Instant now = clock.instant();
        String traceId = UUID.randomUUID().toString();
        String correlationId = Optional.ofNullable(request.header("client-request-id"))
                .orElse(UUID.randomUUID().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + traceId
                + " Correlation ID: " + correlationId + " Timestamp: " + TIMESTAMP.format(now));
        body.put("error_codes", List.of(code));
        body.put("timestamp", TIMESTAMP.format(now));
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", authorityHost + "/error?code=" + code);
        return HttpReply.json(status, body);
    }
}
