package dev.partnerconsent.standin.keyvault;

import java.util.Locale;

/** The emulated vault's Azure coordinates; they only appear in error messages. */
record VaultIdentity(String name, String location, String subscriptionId, String resourceGroup) {

    static final VaultIdentity DEFAULT = new VaultIdentity("partnerconsent-local", "local",
            "00000000-0000-0000-0000-00000000c0de", "partnerconsent-standin");

    String describe() {
        return name + ";location=" + location;
    }

    /** ARM resource id, lower-cased the way Key Vault prints it. */
    String resourceId() {
        return ("/subscriptions/" + subscriptionId + "/resourcegroups/" + resourceGroup
                + "/providers/microsoft.keyvault/vaults/" + name).toLowerCase(Locale.ROOT);
    }
}
