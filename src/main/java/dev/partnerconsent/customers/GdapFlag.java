package dev.partnerconsent.customers;

import java.util.Arrays;
import java.util.Optional;

/** The GDAP flags a customer may carry, as filters and answers name them. */
public enum GdapFlag {
    NO_ACTIVE("no-active-relationship", "noActive", "No active GDAP relationship"),
    ENDS_SOON("ends-within-30-days", "endsSoon", "Ends within 30 days without auto-extend"),
    GLOBAL_ADMIN("global-administrator", "globalAdmin", "Holds Global Administrator (cannot auto-extend)"),
    ROLES_INSUFFICIENT("roles-insufficient", "rolesInsufficient", "Roles do not suffice to consent an application");

    private final String code;
    private final String field;
    private final String text;

    GdapFlag(String code, String field, String text) {
        this.code = code;
        this.field = field;
        this.text = text;
    }

    public String code() {
        return code;
    }

    /** The entity field that holds it (for queries). */
    String field() {
        return field;
    }

    public String text() {
        return text;
    }

    public boolean on(GdapSummary s) {
        return switch (this) {
            case NO_ACTIVE -> s.noActive();
            case ENDS_SOON -> s.endsSoon();
            case GLOBAL_ADMIN -> s.globalAdmin();
            case ROLES_INSUFFICIENT -> s.rolesInsufficient();
        };
    }

    public static Optional<GdapFlag> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equalsIgnoreCase(code)).findFirst();
    }
}
