package dev.partnerconsent.standin.entra;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App role assignments per tenant: to a user (by user name, shown in ID tokens' {@code roles}) or to an application
 * (by client id, shown in client-credentials tokens' {@code roles}), as Enterprise applications > Users and groups
 * and API permissions > Application permissions do in Entra.
 */
final class AppRoles {

    private record Key(String tenantId, String principal) {
        static Key of(String tenantId, String principal) {
            return new Key(tenantId.toLowerCase(Locale.ROOT), principal.toLowerCase(Locale.ROOT));
        }
    }

    private final Map<Key, Set<String>> assignments = new ConcurrentHashMap<>();

    void assign(String tenantId, String principal, String role) {
        assignments.computeIfAbsent(Key.of(tenantId, principal), k -> ConcurrentHashMap.newKeySet()).add(role);
    }

    List<String> of(String tenantId, String principal) {
        Set<String> roles = assignments.get(Key.of(tenantId, principal));
        return roles == null ? List.of() : List.copyOf(new TreeSet<>(roles));
    }
}
