package dev.partnerconsent.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tag names written on each consent secret. Key Vault allows 15 tags of at most 256 characters each,
 * so values are cut to fit rather than refused.
 */
public final class ConsentTags {

    public static final String TENANT_ID = "tenantId";
    public static final String CONSENTED_BY = "consentedBy";
    public static final String OBJECT_ID = "objectId";
    public static final String CONSENTED_AT = "consentedAt";
    public static final String CLIENT_ID = "clientId";
    public static final String SCOPES = "scopes";
    public static final String MFA = "mfa";
    public static final String WRITTEN_BY = "writtenBy";
    /** The user whose consent (by another object id) this version replaced: UPN and object id. */
    public static final String PREVIOUS_CONSENTED_BY = "previousConsentedBy";
    public static final String PREVIOUS_OBJECT_ID = "previousObjectId";
    /** When keep-alive last redeemed this token successfully (ISO-8601); written on the rotated version. */
    public static final String LAST_REFRESHED_AT = "lastRefreshedAt";
    /** When keep-alive or an access check last tried, whatever the outcome. */
    public static final String LAST_ATTEMPT_AT = "lastRefreshAttemptAt";
    /** {@code ok}, or the failure code of the last attempt (e.g. {@code AADSTS50173}). */
    public static final String LAST_OUTCOME = "lastRefreshOutcome";
    /** {@code true} when the token was revoked or expired: only a new consent helps. */
    public static final String NEEDS_RECONSENT = "needsReconsent";
    public static final String CONTENT_TYPE = "application/vnd.partnerconsent.refresh-token";
    static final int MAX_VALUE = 256;

    private ConsentTags() {
    }

    static Map<String, String> of(ConsentRecord record) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TENANT_ID, record.tenantId());
        tags.put(CONSENTED_BY, fit(record.consentedBy()));
        tags.put(OBJECT_ID, fit(record.objectId()));
        tags.put(CONSENTED_AT, record.consentedAt().toString());
        tags.put(CLIENT_ID, fit(record.clientId()));
        tags.put(SCOPES, fit(record.scopes()));
        tags.put(MFA, Boolean.toString(record.mfa()));
        tags.put(WRITTEN_BY, "PartnerConsent");
        if (!record.previousObjectId().isEmpty()) {
            tags.put(PREVIOUS_CONSENTED_BY, fit(record.previousConsentedBy()));
            tags.put(PREVIOUS_OBJECT_ID, fit(record.previousObjectId()));
        }
        return tags;
    }

    /** A tag value cut to Key Vault's limit. */
    public static String fit(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
