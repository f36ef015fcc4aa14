package dev.partnerconsent.standin.keyvault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * App Service's managed identity protocol (api-version 2019-08-01), which MSAL4J (behind azure-identity's
 * {@code ManagedIdentityCredential}) selects when {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} are set:
 * {@code GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…} with header {@code X-IDENTITY-HEADER}, answered by
 * {@code {"access_token","expires_on" (epoch seconds, as a string),"resource","token_type","client_id"}}.
 */
final class ManagedIdentityEndpoint {

    static final String PATH = "/msi/token";
    static final String API_VERSION = "2019-08-01";
    private static final List<String> USER_ASSIGNED_PARAMETERS = List.of("client_id", "principal_id", "object_id",
            "mi_res_id");

    private final Directory directory;
    private final TokenService tokens;
    private final String secretHeader;

    ManagedIdentityEndpoint(Directory directory, TokenService tokens, String secretHeader) {
        this.directory = directory;
        this.tokens = tokens;
        this.secretHeader = secretHeader;
    }

    Route route(HttpRequest request) {
        List<String> s = request.segments();
        return s.size() == 2 && s.get(0).equals("msi") && s.get(1).equals("token") ? Route.token(this::token) : null;
    }

    private HttpReply token(HttpRequest request) {
        if (!request.method().equals("GET")) {
            return error(405, "The managed identity endpoint only accepts GET requests.");
        }
        if (!secretHeader.equals(request.header("X-IDENTITY-HEADER"))) {
            return error(401, "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.");
        }
        if (!API_VERSION.equals(request.param("api-version"))) {
            return error(400, "Unsupported api-version '" + request.param("api-version") + "'; expected "
                    + API_VERSION + ".");
        }
        String resource = request.param("resource");
        if (resource == null || resource.isEmpty()) {
            return error(400, "No resource parameter specified.");
        }
        Principal identity = directory.managedIdentity();
        for (String parameter : USER_ASSIGNED_PARAMETERS) {
            String id = request.param(parameter);
            if (id != null && !identity.matches(id)) {
                return error(400, "Unable to load the proper Managed Identity. Only the system-assigned identity ("
                        + identity.appId() + ") is emulated; got " + parameter + "=" + id + ".");
            }
        }
        TokenService.IssuedToken token = tokens.issue(identity, TokenService.stripSlash(resource));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.token());
        body.put("expires_on", Long.toString(token.expiresOn().getEpochSecond()));
        body.put("resource", resource);
        body.put("token_type", "Bearer");
        body.put("client_id", identity.appId());
        return HttpReply.json(200, body);
    }

    private static HttpReply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        return HttpReply.json(status, body);
    }
}
