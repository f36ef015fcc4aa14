package dev.partnerconsent.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.sun.net.httpserver.HttpServer;
import dev.partnerconsent.entra.TokenRejected.Check;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one JWT verifier, check by check, against keys served over HTTP and a pinned clock. */
class JwtVerifierTest {

    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    private static final String TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static HttpServer jwks;
    private static RSAKey key;
    private static ProviderMetadata provider;
    private static final Nonce NONCE = new Nonce();

    private final JwtVerifier verifier = new JwtVerifier(new SigningKeys(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void serveKeys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        URI base = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort());
        provider = new ProviderMetadata("https://login.example/{tenantid}/v2.0", base.resolve("/authorize"),
                base.resolve("/token"), base.resolve("/keys"));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static JWTClaimsSet.Builder idClaims() {
        return new JWTClaimsSet.Builder().issuer("https://login.example/" + TENANT + "/v2.0").audience(CLIENT)
                .subject("pairwise-subject").claim("tid", TENANT).claim("nonce", NONCE.getValue())
                .issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    private static SignedJWT signed(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt;
    }

    private Check refusedIdToken(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT token = signed(change.apply(idClaims()).build(), key);
        return assertThrows(TokenRejected.class,
                () -> verifier.verify(token, provider, TokenExpectations.idToken(CLIENT, NONCE))).check();
    }

    @Test
    void acceptsAnIdTokenThatPassesEveryCheck() throws Exception {
        JWTClaimsSet claims = verifier.verify(signed(idClaims().build(), key), provider, TokenExpectations.idToken(CLIENT, NONCE));
        assertEquals(TENANT, claims.getClaim("tid"));
    }

    @Test
    void namesTheClaimThatFailed() throws Exception {
        assertEquals(Check.AUDIENCE, refusedIdToken(b -> b.audience("another-app")));
        assertEquals(Check.ISSUER, refusedIdToken(b -> b.issuer("https://login.example/" + UUID.randomUUID() + "/v2.0")));
        assertEquals(Check.ISSUER, refusedIdToken(b -> b.claim("tid", null)));
        assertEquals(Check.ISSUER, refusedIdToken(b -> b.issuer("https://sts.windows.net/" + TENANT + "/")),
                "the v1 issuer is for access tokens only");
        assertEquals(Check.NONCE, refusedIdToken(b -> b.claim("nonce", new Nonce().getValue())));
        assertEquals(Check.NONCE, refusedIdToken(b -> b.claim("nonce", null)));
        assertEquals(Check.LIFETIME, refusedIdToken(b -> b.issueTime(null)));
    }

    @Test
    void everyClaimOpenIdConnectRequiresInAnIdTokenMustBeThere() throws Exception {
        assertEquals(Check.ISSUER, refusedIdToken(b -> b.issuer(null)));
        assertEquals(Check.SUBJECT, refusedIdToken(b -> b.subject(null)));
        assertEquals(Check.SUBJECT, refusedIdToken(b -> b.subject(" ")));
        assertEquals(Check.AUDIENCE, refusedIdToken(b -> b.audience((String) null)));
        assertEquals(Check.LIFETIME, refusedIdToken(b -> b.expirationTime(null)));
        assertEquals(Check.LIFETIME, refusedIdToken(b -> b.issueTime(null)));
        assertEquals(Check.ISSUER, refusedIdToken(b -> b.claim("tid", "contoso.onmicrosoft.com")));
    }

    @Test
    void anIdTokenForFurtherAudiencesOrAnotherAuthorizedPartyIsRefused() throws Exception {
        assertEquals(Check.AUDIENCE, refusedIdToken(b -> b.audience(java.util.List.of(CLIENT, "another-app"))));
        assertEquals(Check.AUDIENCE, refusedIdToken(b -> b.audience(java.util.List.of(CLIENT, "another-app")).claim("azp", CLIENT)),
                "an audience this app does not trust, even with azp naming it");
        assertEquals(Check.AUDIENCE, refusedIdToken(b -> b.claim("azp", "another-app")));
        verifier.verify(signed(idClaims().claim("azp", CLIENT).build(), key), provider, TokenExpectations.idToken(CLIENT, NONCE));
    }

    @Test
    void readsTheTimeFromTheInjectedClockWithFiveMinutesOfSkew() throws Exception {
        assertEquals(Check.EXPIRED, refusedIdToken(b -> b.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(6))))));
        assertEquals(Check.LIFETIME, refusedIdToken(b -> b.issueTime(Date.from(NOW.plus(Duration.ofMinutes(6))))));
        assertEquals(Check.LIFETIME, refusedIdToken(b -> b.notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(6))))));
        // within the skew: accepted
        verifier.verify(signed(idClaims().expirationTime(Date.from(NOW.minus(Duration.ofMinutes(4)))).build(), key),
                provider, TokenExpectations.idToken(CLIENT, NONCE));
    }

    @Test
    void refusesOtherAlgorithmsUnknownKeysAndAlteredSignatures() throws Exception {
        PlainJWT unsigned = new PlainJWT(idClaims().build());
        assertEquals(Check.ALGORITHM, assertThrows(TokenRejected.class,
                () -> verifier.verify(unsigned, provider, TokenExpectations.idToken(CLIENT, NONCE))).check());
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), idClaims().build());
        hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Check.ALGORITHM, assertThrows(TokenRejected.class,
                () -> verifier.verify(hmac, provider, TokenExpectations.idToken(CLIENT, NONCE))).check());

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k2").generate();
        SignedJWT unknownKid = signed(idClaims().build(), stranger);
        assertEquals(Check.SIGNING_KEY, assertThrows(TokenRejected.class,
                () -> verifier.verify(unknownKid, provider, TokenExpectations.idToken(CLIENT, NONCE))).check());

        SignedJWT forged = signed(idClaims().build(), new RSAKeyGenerator(2048).keyID("k1").generate());
        TokenRejected e = assertThrows(TokenRejected.class,
                () -> verifier.verify(forged, provider, TokenExpectations.idToken(CLIENT, NONCE)));
        assertEquals(Check.SIGNATURE, e.check());
        assertTrue(e.getMessage().startsWith("The ID token's signature"), e.getMessage());
    }

    @Test
    void acceptsAccessTokensForThisApiWithTheV1IssuerAndRefusesOthers() throws Exception {
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().issuer("https://sts.windows.net/" + TENANT + "/")
                .audience("api://" + CLIENT).claim("tid", TENANT).expirationTime(Date.from(NOW.plusSeconds(600)));
        verifier.verify(signed(access.build(), key), provider, TokenExpectations.accessToken(CLIENT));
        TokenRejected e = assertThrows(TokenRejected.class, () -> verifier.verify(
                signed(access.audience("https://graph.microsoft.com").build(), key), provider, TokenExpectations.accessToken(CLIENT)));
        assertEquals(Check.AUDIENCE, e.check());
        assertTrue(e.getMessage().contains("request the scope api://" + CLIENT + "/.default"), e.getMessage());
    }

    @Test
    void unreachableKeysAreTheirOwnFailure() throws Exception {
        ProviderMetadata nowhere = new ProviderMetadata(provider.issuerTemplate(), provider.authorizationEndpoint(),
                provider.tokenEndpoint(), URI.create("http://127.0.0.1:1/keys"));
        SignedJWT token = signed(idClaims().build(), key);
        assertEquals(Check.KEYS_UNREACHABLE, assertThrows(TokenRejected.class,
                () -> verifier.verify(token, nowhere, TokenExpectations.idToken(CLIENT, NONCE))).check());
    }
}
