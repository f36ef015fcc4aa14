package dev.partnerconsent.standin.keyvault;

/**
 * Who a token was issued to: an application (client credentials) or the managed identity.
 *
 * @param kind what sort of principal
 * @param appId the application (client) id; for a managed identity its client id
 * @param objectId the service principal's object id
 * @param tenantId the directory it lives in
 */
public record Principal(Kind kind, String appId, String objectId, String tenantId) {

    public enum Kind { APPLICATION, MANAGED_IDENTITY }

    /** The caller as Key Vault names it in its 403 messages. */
    public String describe() {
        return "appid=" + appId + ";oid=" + objectId + ";iss=" + issuer();
    }

    /** The v1 issuer Key Vault reports (Key Vault accepts v1 tokens). */
    public String issuer() {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    /** Whether a fault rule naming {@code id} (client id or object id, case-insensitive) applies to this principal. */
    public boolean matches(String id) {
        return appId.equalsIgnoreCase(id) || objectId.equalsIgnoreCase(id);
    }
}
