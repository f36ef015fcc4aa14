package dev.partnerconsent.standin.entra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The v2.0 OpenID configuration documents, field for field as Entra publishes them (minus Microsoft-only extras and userinfo, which Entra serves from Graph). */
final class Discovery {

    private Discovery() {
    }

    static String authorizationEndpoint(String baseUrl, Authority authority) {
        return baseUrl + "/" + authority.segment() + "/oauth2/v2.0/authorize";
    }

    static String tokenEndpoint(String baseUrl, Authority authority) {
        return baseUrl + "/" + authority.segment() + "/oauth2/v2.0/token";
    }

    static String jwksUri(String baseUrl, Authority authority) {
        return baseUrl + "/" + authority.segment() + "/discovery/v2.0/keys";
    }

    static String metadataUrl(String baseUrl, Authority authority) {
        return baseUrl + "/" + authority.segment() + "/v2.0/.well-known/openid-configuration";
    }

    /**
     * For {@code organizations} and {@code common} the issuer is the literal template
     * {@code <base>/{tenantid}/v2.0}, which strict parsers (Nimbus) refuse, exactly as with Entra.
     */
    static Map<String, Object> document(String baseUrl, Authority authority) {
        String prefix = baseUrl + "/" + authority.segment();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", tokenEndpoint(baseUrl, authority));
        doc.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", jwksUri(baseUrl, authority));
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", authority.issuer(baseUrl));
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_endpoint", authorizationEndpoint(baseUrl, authority));
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("end_session_endpoint", prefix + "/oauth2/v2.0/logout");
        doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email", "amr", "oid"));
        return doc;
    }
}
