package dev.partnerconsent.standin.keyvault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues the emulator's access tokens and checks them on every vault call. Tokens look like Entra v1 JWTs (so
 * anything that peeks at the claims sees the usual ones) but are validated by lookup: only tokens this instance
 * issued, unexpired and for the Key Vault audience, are accepted.
 */
final class TokenService {

    static final String KEY_VAULT_AUDIENCE = "https://vault.azure.net";

    /** What the emulator remembers about a token it issued. */
    record IssuedToken(String token, Principal principal, String audience, Instant expiresOn) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
    private volatile Duration lifetime = LocalKeyVault.DEFAULT_TOKEN_LIFETIME;

    TokenService(Clock clock) {
        this.clock = clock;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    IssuedToken issue(Principal principal, String audience) {
        Instant now = clock.instant();
        Instant expiresOn = now.plus(lifetime);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", principal.issuer());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiresOn.getEpochSecond());
        claims.put("appid", principal.appId());
        claims.put("idtyp", "app");
        claims.put("oid", principal.objectId());
        claims.put("sub", principal.objectId());
        claims.put("tid", principal.tenantId());
        claims.put("uti", UUID.randomUUID().toString());
        claims.put("ver", "1.0");
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        String token = encode(Map.of("typ", "JWT", "alg", "RS256", "kid", "local-keyvault")) + "." + encode(claims)
                + "." + BASE64URL.encodeToString(signature);
        IssuedToken result = new IssuedToken(token, principal, audience, expiresOn);
        issued.put(token, result);
        dev.partnerconsent.standin.SecretsJournal.record(token);
        return result;
    }

    /** The caller behind an {@code Authorization} header value, or a 401 the way Key Vault words it. */
    Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw VaultError.unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
        }
        IssuedToken token = issued.get(authorization.substring(7).trim());
        if (token == null) {
            throw VaultError.unauthorized("AKV10046: Unable to resolve the key used for signature validation.");
        }
        if (!clock.instant().isBefore(token.expiresOn())) {
            throw VaultError.unauthorized("[TokenExpired] Error validating token: 'S2S12086'.");
        }
        if (!KEY_VAULT_AUDIENCE.equals(stripSlash(token.audience()))) {
            throw VaultError.unauthorized("AKV10022: Invalid audience. Expected " + KEY_VAULT_AUDIENCE + ", found: "
                    + token.audience() + ".");
        }
        return token.principal();
    }

    /** Makes every token issued so far expired, as if an hour had passed. */
    void expireAll() {
        Instant past = clock.instant().minusSeconds(1);
        issued.replaceAll((token, t) -> new IssuedToken(t.token(), t.principal(), t.audience(), past));
    }

    static String stripSlash(String resource) {
        return resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
