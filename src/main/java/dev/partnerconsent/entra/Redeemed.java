package dev.partnerconsent.entra;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

import java.time.Instant;
import java.util.Optional;

/** What one refresh-token redemption returned. {@code toString} names no value. */
public record Redeemed(AccessToken accessToken, Optional<RefreshToken> rotated, Instant expiresAt, String scope) {

    @Override
    public String toString() {
        return "Redeemed[access_token, " + (rotated.isPresent() ? "refresh_token, " : "") + "expires " + expiresAt + "]";
    }
}
