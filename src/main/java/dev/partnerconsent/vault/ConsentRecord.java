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
 * @param previousConsentedBy user principal name of another user whose consent this one replaces, or empty
 * @param previousObjectId    that user's object id, or empty
 */
public record ConsentRecord(String tenantId, String consentedBy, String objectId, Instant consentedAt,
                            String clientId, String scopes, boolean mfa, String previousConsentedBy,
                            String previousObjectId) {

    /** @throws IllegalArgumentException when {@code tenantId} is not a GUID: the sign-in checked the token's tid already */
    public ConsentRecord {
        tenantId = new TenantId(tenantId).value();
        previousConsentedBy = previousConsentedBy == null ? "" : previousConsentedBy;
        previousObjectId = previousObjectId == null ? "" : previousObjectId;
    }

    /** A consent that replaces nobody else's. */
    public ConsentRecord(String tenantId, String consentedBy, String objectId, Instant consentedAt, String clientId,
                         String scopes, boolean mfa) {
        this(tenantId, consentedBy, objectId, consentedAt, clientId, scopes, mfa, "", "");
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }
}
