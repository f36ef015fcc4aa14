package dev.partnerconsent.entra;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

/** What the token endpoint returned for the code. Never printed: {@code toString} names no value. */
public record RedeemedTokens(JWT idToken, AccessToken accessToken, RefreshToken refreshToken) {

    @Override
    public String toString() {
        return "RedeemedTokens[id_token, access_token, refresh_token]";
    }
}
