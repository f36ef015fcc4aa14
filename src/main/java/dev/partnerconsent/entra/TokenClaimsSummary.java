package dev.partnerconsent.entra;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;

import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What verbose diagnostics may show of a token: its header's algorithm and key id, and the claims that identify and
 * time it — what the .NET world gets from {@code ShowPII}. Never the token, its signature or the nonce's value.
 */
public final class TokenClaimsSummary {

    /** Claims whose values may be shown; others are listed by name only. */
    private static final Set<String> SHOWN = Set.of("iss", "aud", "tid", "oid", "sub", "preferred_username", "upn", "name",
            "amr", "ver", "azp", "appid", "idp", "iat", "nbf", "exp", "roles", "scp");

    private TokenClaimsSummary() {
    }

    public static Map<String, String> of(String prefix, JWT token) {
        Map<String, String> out = new TreeMap<>();
        out.put(prefix + "header.alg", String.valueOf(token.getHeader().getAlgorithm()));
        if (token.getHeader() instanceof com.nimbusds.jose.JWSHeader jws && jws.getKeyID() != null) {
            out.put(prefix + "header.kid", jws.getKeyID());
        }
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            out.put(prefix + "claims", "(not parseable)");
            return out;
        }
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            String name = claim.getKey();
            Object value = claim.getValue();
            String shown;
            if (!SHOWN.contains(name)) {
                shown = "(present, value not shown)";
            } else if (value instanceof Date d) {
                shown = d.toInstant().toString();
            } else if (value instanceof List<?> list) {
                shown = String.join(" ", list.stream().map(String::valueOf).toList());
            } else {
                shown = String.valueOf(value);
            }
            out.put(prefix + name, shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
        return out;
    }
}
