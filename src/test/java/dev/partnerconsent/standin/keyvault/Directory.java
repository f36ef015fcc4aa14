package dev.partnerconsent.standin.keyvault;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The emulated Entra tenant: registered applications (client id → secret) and the system-assigned managed identity. */
final class Directory {

    record Client(String secret, Principal principal) {
    }

    private final String tenantId;
    private final Principal managedIdentity;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    Directory(String tenantId) {
        this.tenantId = tenantId;
        this.managedIdentity = new Principal(Principal.Kind.MANAGED_IDENTITY, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), tenantId);
    }

    String tenantId() {
        return tenantId;
    }

    Principal managedIdentity() {
        return managedIdentity;
    }

    /** Registers (or re-keys) an application; its object id is derived from the client id, so it is stable. */
    Principal registerClient(String clientId, String secret) {
        String objectId = UUID.nameUUIDFromBytes(("sp:" + clientId.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
        Principal principal = new Principal(Principal.Kind.APPLICATION, clientId, objectId, tenantId);
        clients.put(clientId.toLowerCase(Locale.ROOT), new Client(secret, principal));
        return principal;
    }

    Optional<Client> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId.toLowerCase(Locale.ROOT)));
    }
}
