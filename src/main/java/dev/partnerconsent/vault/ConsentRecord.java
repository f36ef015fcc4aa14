package dev.partnerconsent.vault;

import java.time.Instant;

/**
 * What is known about a consent besides its refresh token; stored as the secret's tags.
 *
 * @param consentedBy user principal name of the admin who consented
 * @param objectId    that user's object id in their tenant
 * @param mfa         whether the sign-in carried MFA evidence
 */
public record ConsentRecord(String tenantId, String consentedBy, String objectId, Instant consentedAt,
                            String clientId, String scopes, boolean mfa) {
}
