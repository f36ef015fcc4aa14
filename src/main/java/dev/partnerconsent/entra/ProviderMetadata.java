package dev.partnerconsent.entra;

import com.nimbusds.oauth2.sdk.id.Issuer;

import java.net.URI;

/**
 * What this app needs from the authority's OpenID configuration.
 *
 * @param issuerTemplate the published issuer, e.g. {@code https://login.microsoftonline.com/{tenantid}/v2.0}
 *                       for the multi-tenant {@code /organizations} and {@code /common} documents
 */
public record ProviderMetadata(String issuerTemplate, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {

    static final String TENANT_PLACEHOLDER = "{tenantid}";

    /** The issuer an ID token of this tenant must carry. */
    public Issuer issuerFor(String tenantId) {
        return new Issuer(issuerTemplate.replace(TENANT_PLACEHOLDER, tenantId));
    }

    public boolean multiTenant() {
        return issuerTemplate.contains(TENANT_PLACEHOLDER);
    }
}
