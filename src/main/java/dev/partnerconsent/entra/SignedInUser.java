package dev.partnerconsent.entra;

import java.util.List;

/**
 * Who signed in, from a verified ID token, and the sign-in's MFA evidence.
 *
 * @param userPrincipalName {@code preferred_username}, else {@code upn}, else empty
 * @param roles             the app roles the token grants (empty when none)
 * @param directoryRoles    the directory role template ids of the {@code wids} claim (empty when the app registration
 *                          does not ask Entra ID to emit it)
 * @param mfaSource         where MFA was evidenced: {@code id_token}, {@code access_token} or {@code none}
 */
public record SignedInUser(String tenantId, String objectId, String userPrincipalName, String displayName,
                           List<String> roles, List<String> directoryRoles, String mfaSource) {

    public boolean mfa() {
        return !"none".equals(mfaSource);
    }
}
