package dev.partnerconsent.standin.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Key Vault secrets REST API (7.x and dated versions such as 2025-07-01) on top of {@link SecretStore}: maps
 * method and path to an {@link Operation}, request JSON to store calls, and results to Key Vault's JSON, with
 * {@code nextLink} paging.
 */
final class SecretsApi {

    /** What azure-security-keyvault-secrets 4.11 sends by default; it also knows 7.0 to 7.6. */
    static final String LATEST_API_VERSION = "2025-07-01";
    private static final Pattern API_VERSION =
            Pattern.compile("^(7\\.\\d+|20\\d\\d-\\d\\d-\\d\\d)(-preview(\\.\\d+)?)?$");
    private static final int MAX_RESULTS = 25;

    private final SecretStore store;
    private final SecretJson json;
    private final String vaultUrl;

    SecretsApi(SecretStore store, String vaultUrl) {
        this.store = store;
        this.json = new SecretJson(vaultUrl);
        this.vaultUrl = vaultUrl;
    }

    /** The route for a secrets path, or null if the path is not part of the secrets API. */
    Route route(HttpRequest request) {
        List<String> s = request.segments();
        String method = request.method();
        if (s.isEmpty()) {
            return null;
        }
        if (s.get(0).equalsIgnoreCase("secrets")) {
            if (s.size() == 1 || (s.size() == 2 && s.get(1).isEmpty() && method.equals("GET"))) {
                return method.equals("GET") ? Route.vault(Operation.LIST, null, this::list) : null;
            }
            String name = s.get(1);
            if (s.size() == 2) {
                return switch (method) {
                    case "PUT" -> Route.vault(Operation.SET, name, r -> set(r, name));
                    case "GET" -> Route.vault(Operation.GET, name, r -> get(name, ""));
                    case "PATCH" -> Route.vault(Operation.UPDATE, name, r -> update(r, name, ""));
                    case "DELETE" -> Route.vault(Operation.DELETE, name, r -> delete(name));
                    default -> null;
                };
            }
            if (s.size() == 3) {
                String third = s.get(2);
                if (third.equalsIgnoreCase("versions") && method.equals("GET")) {
                    return Route.vault(Operation.LIST_VERSIONS, name, r -> listVersions(r, name));
                }
                return switch (method) {
                    case "GET" -> Route.vault(Operation.GET, name, r -> get(name, third));
                    case "PATCH" -> Route.vault(Operation.UPDATE, name, r -> update(r, name, third));
                    default -> null;
                };
            }
            return null;
        }
        if (s.get(0).equalsIgnoreCase("deletedsecrets")) {
            if (s.size() == 1) {
                return method.equals("GET") ? Route.vault(Operation.LIST_DELETED, null, this::listDeleted) : null;
            }
            String name = s.get(1);
            if (s.size() == 2) {
                return switch (method) {
                    case "GET" -> Route.vault(Operation.GET_DELETED, name, r -> getDeleted(name));
                    case "DELETE" -> Route.vault(Operation.PURGE, name, r -> purge(name));
                    default -> null;
                };
            }
            if (s.size() == 3 && s.get(2).equalsIgnoreCase("recover") && method.equals("POST")) {
                return Route.vault(Operation.RECOVER, name, r -> recover(name));
            }
        }
        return null;
    }

    /** Key Vault refuses a request without a known api-version before doing anything else. */
    static void checkApiVersion(HttpRequest request) {
        String version = request.param("api-version");
        if (version == null || version.isEmpty()) {
            throw VaultError.badParameter("The api-version query parameter is missing; this emulator serves 7.x "
                    + "and dated versions up to " + LATEST_API_VERSION + ".");
        }
        if (!API_VERSION.matcher(version).matches()) {
            throw VaultError.badParameter("The specified version (" + version + ") is not recognized. Consider using "
                    + "the latest supported version (" + LATEST_API_VERSION + ").");
        }
    }

    private HttpReply set(HttpRequest request, String name) {
        SecretStore.validateName(name);
        SecretStore.Hit hit = store.set(name, SecretJson.parseSet(body(request)));
        return HttpReply.json(200, json.bundle(hit.secret(), hit.version(), true));
    }

    private HttpReply get(String name, String version) {
        SecretStore.Hit hit = store.get(name, version);
        return HttpReply.json(200, json.bundle(hit.secret(), hit.version(), true));
    }

    private HttpReply update(HttpRequest request, String name, String version) {
        SecretStore.validateName(name);
        SecretStore.Hit hit = store.update(name, version, SecretJson.parseUpdate(body(request)));
        return HttpReply.json(200, json.bundle(hit.secret(), hit.version(), false));
    }

    private HttpReply delete(String name) {
        return HttpReply.json(200, json.deletedBundle(store.delete(name)));
    }

    private HttpReply getDeleted(String name) {
        return HttpReply.json(200, json.deletedBundle(store.getDeleted(name)));
    }

    private HttpReply recover(String name) {
        SecretStore.Hit hit = store.recover(name);
        return HttpReply.json(200, json.bundle(hit.secret(), hit.version(), false));
    }

    private HttpReply purge(String name) {
        store.purge(name);
        return HttpReply.empty(204);
    }

    private HttpReply list(HttpRequest request) {
        return page(request, "/secrets", store.list(), hit -> json.item(hit.secret(), hit.version(), false));
    }

    private HttpReply listVersions(HttpRequest request, String name) {
        return page(request, "/secrets/" + name + "/versions", store.versions(name),
                hit -> json.item(hit.secret(), hit.version(), true));
    }

    private HttpReply listDeleted(HttpRequest request) {
        return page(request, "/deletedsecrets", store.listDeleted(), json::deletedItem);
    }

    /** One page and a {@code nextLink} that carries api-version and maxresults, as Key Vault's does. */
    private <T> HttpReply page(HttpRequest request, String path, List<T> items, Function<T, JsonNode> render) {
        int max = maxResults(request.param("maxresults"));
        int offset = offset(request.param("$skiptoken"));
        int end = Math.min(items.size(), offset + max);
        ObjectNode body = HttpReply.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (T item : items.subList(Math.min(offset, end), end)) {
            value.add(render.apply(item));
        }
        if (end < items.size()) {
            body.put("nextLink", vaultUrl + path + "?api-version=" + request.param("api-version")
                    + "&$skiptoken=" + skipToken(end) + "&maxresults=" + max);
        } else {
            body.putNull("nextLink");
        }
        return HttpReply.json(200, body);
    }

    private static int maxResults(String raw) {
        if (raw == null || raw.isEmpty()) {
            return MAX_RESULTS;
        }
        try {
            int max = Integer.parseInt(raw);
            if (max >= 1 && max <= MAX_RESULTS) {
                return max;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the error below.
        }
        throw VaultError.badParameter("Invalid maxresults '" + raw + "': it must be between 1 and " + MAX_RESULTS
                + ".");
    }

    private static String skipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw VaultError.badParameter("Invalid $skiptoken.");
        }
    }

    private static JsonNode body(HttpRequest request) {
        try {
            JsonNode node = HttpReply.JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw VaultError.badParameter("The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw VaultError.badParameter("The request body is not valid JSON.");
        }
    }
}
