package dev.partnerconsent.operator;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an operator may do, by power: each role includes the ones before it. The app roles are defined in the app
 * registration's manifest and honoured only from {@code partnerconsent.operator-tenants}; the container roles are what
 * Jakarta Security knows the caller by.
 */
public enum OperatorRole {
    /** Inventory, audit trail, run history: reading only. */
    READER("PartnerConsent.Reader", "reader"),
    /** Keep-alive on demand and access checks: uses the stored tokens, never hands one out. */
    OPERATOR("PartnerConsent.Operator", "operator"),
    /** Short-lived access tokens from the stored consents: they carry the partner admin's MFA, so the most power. */
    TOKEN_ISSUER("PartnerConsent.TokenIssuer", "token-issuer");

    /** The single role of earlier releases; not honoured any more (see {@link #fromAppRoles}). */
    public static final String RETIRED_ADMIN_ROLE = "PartnerConsent.Admin";

    private final String appRole;
    private final String containerRole;

    OperatorRole(String appRole, String containerRole) {
        this.appRole = appRole;
        this.containerRole = containerRole;
    }

    public String appRole() {
        return appRole;
    }

    public String containerRole() {
        return containerRole;
    }

    public boolean includes(OperatorRole other) {
        return compareTo(other) >= 0;
    }

    /** The container roles of a caller holding this role: it and every lesser one. */
    public Set<String> containerRoles() {
        return Stream.of(values()).filter(this::includes).map(OperatorRole::containerRole).collect(Collectors.toUnmodifiableSet());
    }

    /** The most powerful of the app roles given (as Entra lists them in {@code roles}), if any is one of ours. */
    public static Optional<OperatorRole> fromAppRoles(Collection<?> appRoles) {
        OperatorRole best = null;
        for (OperatorRole r : values()) {
            if (appRoles.contains(r.appRole)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    public static Optional<OperatorRole> named(String name) {
        return Stream.of(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
