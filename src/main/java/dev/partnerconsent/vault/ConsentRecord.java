package dev.partnerconsent.vault;

import dev.partnerconsent.tenant.TenantId;

import java.time.Instant;

/**
 * What is known about a consent besides its refresh token; stored as the secret's tags.
 *
 * @param tenantId    the consenting tenant, as {@link TenantId#value()} spells it
 * @param consentedBy user principal name of the admin who consented
 * @param objectId    that user's object id in their tenant
 * @param mfa         whether the sign-in carried MFA evidence
 */
public record ConsentRecord(String tenantId, String consentedBy, String objectId, Instant consentedAt,
                            String clientId, String scopes, boolean mfa) {

    /** @throws IllegalArgumentException when {@code tenantId} is not a GUID: the sign-in checked the token's tid already */
    public ConsentRecord {
        tenantId = new TenantId(tenantId).value();
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }
}
