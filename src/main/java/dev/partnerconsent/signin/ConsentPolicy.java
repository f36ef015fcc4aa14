package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.entra.SignedInUser;
import dev.partnerconsent.settings.ConsentSettings;

import java.util.Locale;

/**
 * Who may store a consent here, beyond a valid sign-in: a tenant of {@code partnerconsent.allowed-tenants}, a user
 * holding one of {@code partnerconsent.required-roles} (when set), and MFA unless {@code partnerconsent.require-mfa=false}.
 * About the consent only, so not part of the sign-in's check (the operator sign-in has its own rules).
 */
final class ConsentPolicy {

    private ConsentPolicy() {
    }

    static void check(SignedInUser user, ConsentSettings s) throws FailureException {
        if (!s.tenantAllowed(user.tenantId())) {
            throw new FailureException(FailureCode.TENANT_NOT_ALLOWED, "Tenant " + user.tenantId()
                    + " is not in partnerconsent.allowed-tenants; only the listed partner tenants may store a consent here.");
        }
        if (!s.requiredRoles().isEmpty()
                && user.directoryRoles().stream().map(r -> r.toLowerCase(Locale.ROOT)).noneMatch(s.requiredRoles()::contains)) {
            throw new FailureException(FailureCode.ROLE_MISSING, "User " + user.userPrincipalName() + " of tenant "
                    + user.tenantId() + " holds none of the directory roles in partnerconsent.required-roles "
                    + s.requiredRoles() + (user.directoryRoles().isEmpty()
                    ? "; the ID token carries no wids claim (is groupMembershipClaims set in the app's manifest?)."
                    : "; the ID token's wids lists " + user.directoryRoles() + "."));
        }
        if (!user.mfa() && s.requireMfa()) {
            throw new FailureException(FailureCode.MFA_MISSING, "User " + user.userPrincipalName() + " of tenant "
                    + user.tenantId() + " signed in without multi-factor authentication (no 'mfa' in the amr claim "
                    + "of the ID token or the access token); Partner Center would refuse these tokens (AADSTS900421-class).");
        }
    }
}
