package dev.partnerconsent.entra;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who signed in, from a verified ID token, and the sign-in's MFA evidence.
 *
 * @param userPrincipalName {@code preferred_username}, else {@code upn}, else empty
 * @param roles             the app roles the token grants (empty when none)
 * @param directoryRoles    the directory role template ids of the {@code wids} claim (empty when the app registration
 *                          does not ask Entra ID to emit it)
 * @param mfaSource         where MFA was evidenced: {@code id_token}, {@code access_token} or {@code none}
 * @param authTime          when the user last authenticated interactively ({@code auth_time}), if the token says
 */
public record SignedInUser(String tenantId, String objectId, String userPrincipalName, String displayName,
                           List<String> roles, List<String> directoryRoles, String mfaSource, Optional<Instant> authTime) {

    public boolean mfa() {
        return !"none".equals(mfaSource);
    }
}
