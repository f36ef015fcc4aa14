package dev.partnerconsent.lifecycle;

import com.nimbusds.oauth2.sdk.token.AccessToken;

import java.time.Instant;
import java.util.Optional;

/** A short-lived access token handed to automation. {@code toString} never prints it. */
public record IssuedAccessToken(String tenantId, Optional<String> customerTenantId, String scope, AccessToken accessToken,
                                Instant expiresAt, Optional<String> storedVersion) {

    @Override
    public String toString() {
        return "IssuedAccessToken[" + tenantId + customerTenantId.map(c -> " for " + c).orElse("") + ", " + scope
                + ", expires " + expiresAt + "]";
    }
}
