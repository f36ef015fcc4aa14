package dev.partnerconsent.operator;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a signed-in person's role came from, kept with the session so that every use can ask whether the settings as
 * they are now still grant it ({@link OperatorSettings#stillGrants}).
 */
public enum RoleSource {
    /** Listed in {@code partnerconsent.admins}: re-checked against the list on every use. */
    ADMINS,
    /** An app role of the ID token, from a tenant in {@code partnerconsent.operator-tenants}: the tenant is re-checked. */
    APP_ROLE,
    /** No role: nothing to take away. */
    NONE;

    /** As the session row spells it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RoleSource of(String code) {
        return Stream.of(values()).filter(s -> s.code().equals(code)).findFirst().orElse(NONE);
    }
}
