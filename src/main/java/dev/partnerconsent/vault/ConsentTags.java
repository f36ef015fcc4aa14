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
        return tags;
    }

    private static String fit(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
