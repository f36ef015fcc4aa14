package dev.partnerconsent.standin.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import java.util.List;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInExtension.class)
class DiscoveryTest {

    @StandIn
    private static LocalEntraId entra;

    @Test
    void tenantMetadataResolvesWithNimbus() throws Exception {
        String tenant = DemoTenants.FABRIKAM.id();
        long before = entra.requestCount(Endpoint.METADATA);

        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(entra.issuer(tenant)));

        assertEquals(entra.baseUrl() + "/" + tenant + "/v2.0", metadata.getIssuer().getValue());
        assertEquals(URI.create(entra.baseUrl() + "/" + tenant + "/oauth2/v2.0/authorize"),
                metadata.getAuthorizationEndpointURI());
        assertEquals(URI.create(entra.baseUrl() + "/" + tenant + "/oauth2/v2.0/token"), metadata.getTokenEndpointURI());
        assertEquals(URI.create(entra.baseUrl() + "/" + tenant + "/discovery/v2.0/keys"), metadata.getJWKSetURI());
        assertTrue(metadata.getResponseModes().toString().contains("form_post"));
        assertEquals(before + 1, entra.requestCount(Endpoint.METADATA));
    }

    @Test
    void organizationsMetadataPublishesTheTenantIdTemplateWhichNimbusRefuses() throws Exception {
        JSONObject json = fetchJson(entra.metadataUrl("organizations"));

        assertEquals(entra.baseUrl() + "/{tenantid}/v2.0", json.get("issuer"));
        assertThrows(ParseException.class, () -> OIDCProviderMetadata.parse(json));
    }

    /** How a client reads it: keep the template aside, parse the rest with the authority as issuer. */
    @Test
    void organizationsMetadataParsesOnceTheTemplateIsSetAside() throws Exception {
        JSONObject json = fetchJson(entra.metadataUrl("organizations"));
        String issuerTemplate = (String) json.get("issuer");
        json.put("issuer", entra.organizationsAuthority());

        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(json);

        assertEquals(URI.create(entra.authorizationEndpoint("organizations")), metadata.getAuthorizationEndpointURI());
        assertEquals(URI.create(entra.tokenEndpoint("organizations")), metadata.getTokenEndpointURI());
        assertEquals(entra.issuer(EntraFlows.TENANT), issuerTemplate.replace("{tenantid}", EntraFlows.TENANT));
    }

    @Test
    void commonMetadataAlsoPublishesTheTemplate() throws Exception {
        JSONObject json = fetchJson(entra.metadataUrl("common"));

        assertEquals(entra.baseUrl() + "/{tenantid}/v2.0", json.get("issuer"));
        assertEquals(entra.tokenEndpoint("common"), json.get("token_endpoint"));
    }

    @Test
    void everyAuthorityServesTheSameKeys() throws Exception {
        long before = entra.requestCount(Endpoint.JWKS);

        JWKSet tenantKeys = JWKSet.load(URI.create(entra.jwksUri(EntraFlows.TENANT)).toURL());
        JWKSet organizationsKeys = JWKSet.load(URI.create(entra.jwksUri("organizations")).toURL());

        assertEquals(tenantKeys.toString(), organizationsKeys.toString());
        assertEquals(List.of(entra.signingKeyId()), tenantKeys.getKeys().stream().map(k -> k.getKeyID()).toList());
        assertTrue(tenantKeys.getKeys().stream().noneMatch(k -> k.isPrivate()));
        assertEquals(before + 2, entra.requestCount(Endpoint.JWKS));
    }

    @Test
    void unknownTenantAnswersAadsts90002() throws Exception {
        HTTPResponse response = new HTTPRequest(HTTPRequest.Method.GET,
                URI.create(entra.baseUrl() + "/contoso.example/v2.0/.well-known/openid-configuration")).send();

        assertEquals(400, response.getStatusCode());
        JSONObject body = response.getBodyAsJSONObject();
        assertEquals("invalid_request", body.get("error"));
        assertTrue(((String) body.get("error_description")).startsWith("AADSTS90002: Tenant 'contoso.example'"));
    }

    private static JSONObject fetchJson(String url) throws Exception {
        HTTPResponse response = new HTTPRequest(HTTPRequest.Method.GET, URI.create(url)).send();
        assertEquals(200, response.getStatusCode());
        return JSONObjectUtils.parse(response.getBody());
    }
}
