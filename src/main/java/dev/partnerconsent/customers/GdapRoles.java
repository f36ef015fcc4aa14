package dev.partnerconsent.customers;

import java.util.Map;
import java.util.Set;

/**
 * Microsoft Entra built-in roles by template id, as GDAP names them. Which of them may create an application consent
 * in a customer: Microsoft's "Grant tenant-wide admin consent to an application" names Global Administrator and
 * Privileged Role Administrator (any permission) and Cloud Application Administrator and Application Administrator
 * (any delegated permission, which is what Partner Center's {@code applicationGrants} are). The partner's user holds
 * such a role in the customer only through an active access assignment of an active relationship.
 */
public final class GdapRoles {

    public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    public static final String PRIVILEGED_ROLE_ADMINISTRATOR = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    public static final String CLOUD_APPLICATION_ADMINISTRATOR = "158c047a-c907-4556-b7ef-446551a6b5f7";
    public static final String APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";

    /** Roles any one of which lets the partner create an application consent in the customer. */
    public static final Set<String> MAY_CONSENT = Set.of(GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR,
            CLOUD_APPLICATION_ADMINISTRATOR, APPLICATION_ADMINISTRATOR);

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(GLOBAL_ADMINISTRATOR, "Global Administrator"),
            Map.entry(PRIVILEGED_ROLE_ADMINISTRATOR, "Privileged Role Administrator"),
            Map.entry(CLOUD_APPLICATION_ADMINISTRATOR, "Cloud Application Administrator"),
            Map.entry(APPLICATION_ADMINISTRATOR, "Application Administrator"),
            Map.entry("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
            Map.entry("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"),
            Map.entry("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
            Map.entry("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
            Map.entry("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
            Map.entry("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
            Map.entry("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
            Map.entry("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator"));

    private GdapRoles() {
    }

    /** The role's name, or its id when it is not one of the roles named here. */
    public static String name(String roleId) {
        return NAMES.getOrDefault(roleId, roleId);
    }
}
