package dev.partnerconsent.standin.entra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A requested scope list, split into OpenID scopes and the (single) resource's permissions. */
record Scopes(List<String> values) {

    static final String PARTNER_CENTER = "https://api.partnercenter.microsoft.com";
    static final String GRAPH = "https://graph.microsoft.com";
    /** Entra names Graph by its app id when the scopes do not name it by URI. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    private static final Map<String, String> DEFAULT_PERMISSION = Map.of(
            PARTNER_CENTER, "user_impersonation",
            GRAPH, "User.Read",
            GRAPH_APP_ID, "User.Read");

    /** The access token a request yields: its audience and {@code scp}; {@code granted} is echoed as {@code scope}. */
    record Resource(String audience, String scp, String granted) {
    }

    Scopes {
        values = List.copyOf(values);
    }

    static Scopes parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new Scopes(List.of());
        }
        return new Scopes(Arrays.stream(scope.trim().split("\\s+")).distinct().toList());
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    boolean has(String scope) {
        return values.contains(scope);
    }

    String joined() {
        return String.join(" ", values);
    }

    /**
     * The resource these scopes ask for. Only OpenID scopes: a Graph token, as Entra does.
     *
     * @throws EntraFailure AADSTS28000 when more than one resource is named
     */
    Resource resource() {
        Set<String> audiences = new LinkedHashSet<>();
        List<String> permissions = new ArrayList<>();
        for (String scope : values) {
            if (OIDC.contains(scope)) {
                continue;
            }
            int slash = scope.lastIndexOf('/');
            String audience = slash > 0 ? scope.substring(0, slash) : GRAPH_APP_ID;
            audiences.add(audience);
            String permission = slash > 0 ? scope.substring(slash + 1) : scope;
            permissions.add(permission.equals(".default")
                    ? DEFAULT_PERMISSION.getOrDefault(audience, "user_impersonation") : permission);
        }
        if (audiences.size() > 1) {
            throw new EntraFailure(EntraErrorCodes.AADSTS28000, Map.of("scope", joined()));
        }
        if (audiences.isEmpty()) {
            return new Resource(GRAPH_APP_ID, "openid profile email User.Read", "openid profile email User.Read");
        }
        String audience = audiences.iterator().next();
        String prefix = audience.equals(GRAPH_APP_ID) ? "" : audience + "/";
        List<String> granted = permissions.stream().map(p -> prefix + p).toList();
        return new Resource(audience, String.join(" ", permissions), String.join(" ", granted));
    }
}
