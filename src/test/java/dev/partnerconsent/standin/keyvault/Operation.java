package dev.partnerconsent.standin.keyvault;

import java.util.EnumSet;
import java.util.Set;

/** What a request to the emulator does; the unit of fault injection and of the request counters. */
public enum Operation {
    SET("set", "secrets/setSecret/action"),
    GET("get", "secrets/getSecret/action"),
    LIST("list", "secrets/readMetadata/action"),
    LIST_VERSIONS("list", "secrets/readMetadata/action"),
    UPDATE("set", "secrets/update/action"),
    DELETE("delete", "secrets/delete"),
    GET_DELETED("get", "secrets/readMetadata/action"),
    LIST_DELETED("list", "secrets/readMetadata/action"),
    RECOVER("recover", "secrets/recover/action"),
    PURGE("purge", "secrets/purge/action"),
    /** Any call to the emulator's token endpoints (client credentials or managed identity). */
    TOKEN(null, null);

    private final String accessPolicyPermission;
    private final String rbacAction;

    Operation(String accessPolicyPermission, String rbacAction) {
        this.accessPolicyPermission = accessPolicyPermission;
        this.rbacAction = rbacAction;
    }

    /** The secrets permission an access policy must grant, as Key Vault names it in its 403 message. */
    public String accessPolicyPermission() {
        return accessPolicyPermission;
    }

    /** The RBAC data action, as Key Vault names it in its 403 message. */
    public String rbacAction() {
        return "Microsoft.KeyVault/vaults/" + rbacAction;
    }

    public boolean isVaultOperation() {
        return this != TOKEN;
    }

    /** Whether the operation addresses a single secret (its RBAC resource is the secret, not the vault). */
    boolean targetsOneSecret() {
        return this != LIST && this != LIST_DELETED && this != TOKEN;
    }

    /** The default scope of a fault: every secrets operation, but not the token endpoints. */
    public static Set<Operation> vaultOperations() {
        return EnumSet.complementOf(EnumSet.of(TOKEN));
    }
}
