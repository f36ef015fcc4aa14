package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.IssuedAccessToken;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /api/consents/{tenant}/access-token}: the token in OAuth's own field names, so tools that read a token
 * endpoint's answer read this one. {@code toString} never prints the token.
 */
@JsonbNillable
public record AccessTokenAnswer(@JsonbProperty("token_type") String tokenType,
                                @JsonbProperty("access_token") String accessToken,
                                @JsonbProperty("expires_in") long expiresIn,
                                @JsonbProperty("expires_on") Instant expiresOn,
                                String scope, String tenantId, String customerTenantId) {

    static AccessTokenAnswer of(IssuedAccessToken t, Clock clock) {
        long expiresIn = Math.max(0, t.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        return new AccessTokenAnswer("Bearer", t.accessToken().getValue(), expiresIn, t.expiresAt(), t.scope(), t.tenantId(),
                t.customerTenantId().orElse(null));
    }

    @Override
    public String toString() {
        return "AccessTokenAnswer[" + tenantId + ", " + scope + ", expires " + expiresOn + "]";
    }
}
