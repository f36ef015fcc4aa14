package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Builds and signs Entra-shaped tokens: v2.0 ID tokens (without {@code amr}, as Entra issues them; with {@code wids}
 * when the registration asks) and v1.0 access tokens for Microsoft APIs (with {@code amr}).
 */
final class TokenMinter {

    static final Duration LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyRing keys;
    private final String baseUrl;
    private final AppRoles roles;
    private final AppRoles directoryRoles;
    private final ClientAuthenticator clients;

    TokenMinter(SigningKeyRing keys, String baseUrl, AppRoles roles, AppRoles directoryRoles, ClientAuthenticator clients) {
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.roles = roles;
        this.directoryRoles = directoryRoles;
        this.clients = clients;
    }

    String issuer(String tenantId) {
        return baseUrl + "/" + tenantId + "/v2.0";
    }

    /**
     * @param nonce  the authorize request's nonce; null on refresh, where Entra sends none
     * @param tamper how to spoil the token, or null
     */
    String idToken(SignIn signIn, String nonce, TamperRule tamper) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(signIn.clientId())
                .issuer(issuer(signIn.tenantId()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("aio", opaqueId())
                .claim("name", signIn.name())
                .claim("oid", signIn.oid())
                .claim("preferred_username", signIn.username())
                .claim("rh", opaqueId())
                .subject(pairwiseSubject(signIn.oid(), signIn.clientId()))
                .claim("tid", signIn.tenantId())
                .claim("uti", opaqueId())
                .claim("ver", "2.0")
                // every sign-in here is interactive (no SSO session), so the last authentication is this one
                .claim("auth_time", signIn.authTime().getEpochSecond());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        // Entra's v2.0 ID tokens carry no amr (documented for v1.0 tokens only); the MFA evidence is in the v1.0-shaped
        // access token for Partner Center, as real tenants give it
        // app roles assigned to the user for this app appear in its ID tokens
        List<String> assigned = roles.of(signIn.tenantId(), signIn.username());
        if (!assigned.isEmpty()) {
            claims.claim("roles", assigned);
        }
        // directory roles only when the app registration asks for them (groupMembershipClaims), as Entra does
        ClientRegistration registration = clients.registration(signIn.clientId());
        List<String> wids = directoryRoles.of(signIn.tenantId(), signIn.username());
        if (registration != null && registration.directoryRoleClaims() && !wids.isEmpty()) {
            claims.claim("wids", wids);
        }
        if (tamper == null) {
            return sign(claims.build(), keys.current());
        }
        return spoil(claims, signIn, now, tamper);
    }

    /** A v1.0 access token as Partner Center and Graph receive it (they carry amr, upn, scp). */
    String accessToken(SignIn signIn, Scopes.Resource resource, ClientAuthenticator.Method clientAuth) {
        Instant now = Instant.now();
        String[] names = signIn.name().split(" ", 2);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(resource.audience())
                .issuer("https://sts.windows.net/" + signIn.tenantId() + "/")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("acr", "1")
                .claim("aio", opaqueId())
                .claim("amr", signIn.mfa() ? List.of("pwd", "mfa") : List.of("pwd"))
                .claim("appid", signIn.clientId())
                .claim("appidacr", clientAuth.appidacr)
                .claim("family_name", names.length > 1 ? names[1] : names[0])
                .claim("given_name", names[0])
                .claim("idtyp", "user")
                .claim("ipaddr", "127.0.0.1")
                .claim("name", signIn.name())
                .claim("oid", signIn.oid())
                .claim("rh", opaqueId())
                .claim("scp", resource.scp())
                .subject(pairwiseSubject(signIn.oid(), resource.audience()))
                .claim("tid", signIn.tenantId())
                .claim("unique_name", signIn.username())
                .claim("upn", signIn.username())
                .claim("uti", opaqueId())
                .claim("ver", "1.0")
                .build();
        return sign(claims, keys.current());
    }

    /**
     * A v1.0 app-only access token (client credentials) for {@code audience}, with the application permissions (app
     * roles) assigned to the client in that tenant.
     */
    String appToken(String tenantId, String clientId, String audience, ClientAuthenticator.Method clientAuth) {
        Instant now = Instant.now();
        String servicePrincipal = SignIn.objectId(tenantId, "sp:" + clientId);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .issuer("https://sts.windows.net/" + tenantId + "/")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("aio", opaqueId())
                .claim("appid", clientId)
                .claim("appidacr", clientAuth.appidacr)
                .claim("idp", "https://sts.windows.net/" + tenantId + "/")
                .claim("idtyp", "app")
                .claim("oid", servicePrincipal)
                .claim("rh", opaqueId())
                .subject(servicePrincipal)
                .claim("tid", tenantId)
                .claim("uti", opaqueId())
                .claim("ver", "1.0");
        List<String> assigned = roles.of(tenantId, clientId);
        if (!assigned.isEmpty()) {
            claims.claim("roles", assigned);
        }
        return sign(claims.build(), keys.current());
    }

    private String spoil(JWTClaimsSet.Builder claims, SignIn signIn, Instant now, TamperRule tamper) {
        switch (tamper.kind()) {
            case WRONG_AUD -> claims.audience(UUID.randomUUID().toString());
            case WRONG_ISS -> claims.issuer("https://sts.windows.net/" + signIn.tenantId() + "/");
            case ISSUER_OF_OTHER_TENANT -> claims.issuer(issuer(otherTenant(signIn.tenantId())));
            case EXPIRED -> times(claims, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
            case IAT_IN_FUTURE -> times(claims, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(70)));
            case ONLY_IAT_IN_FUTURE -> claims.issueTime(Date.from(now.plus(Duration.ofMinutes(10))));
            case ONLY_NBF_IN_FUTURE -> claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))));
            case WRONG_NONCE -> claims.claim("nonce", opaqueId());
            case STALE_AUTH_TIME -> claims.claim("auth_time", now.minus(Duration.ofDays(2)).getEpochSecond());
            case MISSING_AUTH_TIME -> claims.claim("auth_time", null);
            case MISSING_NONCE -> claims.claim("nonce", null);
            case MISSING_ISS -> claims.issuer(null);
            case MISSING_SUB -> claims.subject(null);
            case MISSING_AUD -> claims.audience((String) null);
            case MISSING_EXP -> claims.expirationTime(null);
            case MISSING_IAT -> claims.issueTime(null);
            case MISSING_TID -> claims.claim("tid", null);
            case NON_GUID_TID -> claims.claim("tid", "contosopartner.onmicrosoft.com");
            case EXTRA_AUDIENCE -> claims.audience(List.of(signIn.clientId(), UUID.randomUUID().toString()));
            case WRONG_AZP -> claims.claim("azp", UUID.randomUUID().toString());
            default -> {
                // the remaining kinds spoil the signature, below
            }
        }
        JWTClaimsSet built = claims.build();
        return switch (tamper.kind()) {
            case ALG_NONE -> new PlainJWT(built).serialize();
            case MALFORMED_CLAIMS -> signPayload("[\"not\", \"a\", \"claims\", \"object\"]", keys.current());
            case HS256_WITH_SECRET -> hmac(built, tamper.hmacSecret());
            case UNKNOWN_KID -> sign(built, keys.unpublished());
            case BAD_SIGNATURE -> flipSignatureBit(sign(built, keys.current()));
            default -> sign(built, keys.current());
        };
    }

    private static void times(JWTClaimsSet.Builder claims, Instant issued, Instant expires) {
        claims.issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires));
    }

    private static String otherTenant(String tenantId) {
        return DemoTenants.ALL.stream().map(DemoTenant::id).filter(id -> !id.equals(tenantId)).findFirst()
                .orElseThrow();
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWS over any payload, e.g. one that is not a claims object. */
    private static String signPayload(String payload, RSAKey key) {
        try {
            com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                    new com.nimbusds.jose.Payload(payload));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm-confusion attack: HS256 keyed with a secret the client knows, under the real kid. */
    private String hmac(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(keys.current().getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flipSignatureBit(String jws) {
        int dot = jws.lastIndexOf('.');
        byte[] signature = new Base64URL(jws.substring(dot + 1)).decode();
        signature[signature.length / 2] ^= 0x01;
        return jws.substring(0, dot + 1) + Base64URL.encode(signature);
    }

    /** Entra's sub is pairwise: the same user looks different to different apps. */
    private static String pairwiseSubject(String oid, String audience) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((oid + "|" + audience).getBytes(StandardCharsets.UTF_8));
            return Base64URL.encode(hash).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String opaqueId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }
}
