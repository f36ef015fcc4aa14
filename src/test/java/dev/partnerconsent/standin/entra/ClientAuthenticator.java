package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;

/**
 * Client authentication at the token endpoint: {@code client_secret_post}, {@code client_secret_basic}
 * and {@code private_key_jwt}, checked against registered clients (mock-oauth2-server checks none).
 */
final class ClientAuthenticator {

    /** How the client proved itself, as the access token's {@code appidacr} claim says it. */
    enum Method {
        NONE("0"), SECRET("1"), CERTIFICATE("2");

        final String appidacr;

        Method(String appidacr) {
            this.appidacr = appidacr;
        }
    }

    record Authenticated(String clientId, Method method) {
    }

    private static final long ASSERTION_SKEW_SECONDS = 300;

    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

    void register(ClientRegistration registration) {
        registrations.put(registration.clientId(), registration);
    }

    ClientRegistration registration(String clientId) {
        return clientId == null ? null : registrations.get(clientId);
    }

    String appName(String clientId) {
        ClientRegistration r = registration(clientId);
        return r != null ? r.displayName() : "PartnerConsent";
    }

    Authenticated authenticate(OAuth2HttpRequest request, Http.Params form, String tokenEndpointUrl) {
        ClientAuthentication auth = parse(request, tokenEndpointUrl);
        String clientId = form.nonBlank("client_id");
        if (clientId == null && auth != null) {
            clientId = auth.getClientID().getValue();
        }
        Map<String, String> values = new HashMap<>();
        values.put("parameter", "client_id");
        if (clientId == null) {
            throw new EntraFailure(EntraErrorCodes.AADSTS900144, values);
        }
        values.put("clientId", clientId);
        if (auth != null && !auth.getClientID().getValue().equals(clientId)) {
            throw new EntraFailure(EntraErrorCodes.AADSTS50027, values);
        }
        ClientRegistration registration = registrations.get(clientId);
        if (auth == null) {
            if (registration != null && registration.isConfidential()) {
                throw new EntraFailure(EntraErrorCodes.AADSTS7000218, values);
            }
            return new Authenticated(clientId, Method.NONE);
        }
        if (auth instanceof PlainClientSecret secret) {
            if (registration != null && !sameSecret(registration.secret(), secret.getClientSecret().getValue())) {
                throw new EntraFailure(EntraErrorCodes.AADSTS7000215, values);
            }
            return new Authenticated(clientId, Method.SECRET);
        }
        if (auth instanceof PrivateKeyJWT jwt) {
            checkAssertion(jwt, registration, tokenEndpointUrl, values);
            return new Authenticated(clientId, Method.CERTIFICATE);
        }
        // client_secret_jwt and the like: Entra's v2 endpoint does not take them either.
        throw new EntraFailure(EntraErrorCodes.AADSTS700027, values);
    }

    private static ClientAuthentication parse(OAuth2HttpRequest request, String tokenEndpointUrl) {
        try {
            HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, new URL(tokenEndpointUrl));
            String contentType = request.getHeaders().get("Content-Type");
            if (contentType != null) {
                http.setHeader("Content-Type", contentType);
            }
            String authorization = request.getHeaders().get("Authorization");
            if (authorization != null) {
                http.setAuthorization(authorization);
            }
            http.setBody(request.getBody() == null ? "" : request.getBody());
            return ClientAuthentication.parse(http);
        } catch (ParseException e) {
            throw new EntraFailure(EntraErrorCodes.AADSTS50027, Map.of());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkAssertion(PrivateKeyJWT jwt, ClientRegistration registration, String tokenEndpointUrl,
                                       Map<String, String> values) {
        if (registration != null) {
            if (registration.certificateKey() == null || !verifies(jwt, registration)) {
                throw new EntraFailure(EntraErrorCodes.AADSTS700027, values);
            }
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getClientAssertion().getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new EntraFailure(EntraErrorCodes.AADSTS50027, values);
        }
        // Entra wants the token endpoint itself as the audience.
        if (claims.getAudience() == null || !claims.getAudience().contains(tokenEndpointUrl)) {
            throw new EntraFailure(EntraErrorCodes.AADSTS50027, values);
        }
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || exp.toInstant().plusSeconds(ASSERTION_SKEW_SECONDS).isBefore(now)
                || (nbf != null && nbf.toInstant().minusSeconds(ASSERTION_SKEW_SECONDS).isAfter(now))) {
            throw new EntraFailure(EntraErrorCodes.AADSTS700024, values);
        }
    }

    private static boolean verifies(PrivateKeyJWT jwt, ClientRegistration registration) {
        try {
            return jwt.getClientAssertion().verify(new RSASSAVerifier(registration.certificateKey()));
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean sameSecret(String expected, String presented) {
        return expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
