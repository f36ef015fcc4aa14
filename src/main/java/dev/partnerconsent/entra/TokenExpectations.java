package dev.partnerconsent.entra;

import com.nimbusds.openid.connect.sdk.Nonce;

import java.util.List;

/**
 * What a token must say to be accepted, beyond the authority's signature: whom it is for, which issuers may have
 * made it, and for ID tokens the sign-in's nonce.
 *
 * @param noun              how failures name the token ("The ID token", "The bearer token")
 * @param audiences         any of these is this app
 * @param v1IssuerAccepted  whether Entra's v1 issuer {@code https://sts.windows.net/<tid>/} is accepted beside the
 *                          metadata's (app-only access tokens are v1-shaped unless the app asks for v2)
 * @param nonce             the nonce an ID token must answer; {@code null} for access tokens, which carry none
 * @param audienceHint      appended to an audience failure: what the caller should ask for instead
 */
public record TokenExpectations(String noun, List<String> audiences, boolean v1IssuerAccepted, Nonce nonce,
                                String audienceHint) {

    /** An ID token of a sign-in through this app: audience the client id, issued and expiring, the nonce answered. */
    public static TokenExpectations idToken(String clientId, Nonce nonce) {
        return new TokenExpectations("The ID token", List.of(clientId), false, nonce, "");
    }

    /** An access token for this app's API, as automation sends it. */
    public static TokenExpectations accessToken(String clientId) {
        return new TokenExpectations("The bearer token", List.of(clientId, "api://" + clientId), true, null,
                ": request the scope api://" + clientId + "/.default");
    }

    boolean idToken() {
        return nonce != null;
    }

    @Override
    public String toString() {
        return "TokenExpectations[" + noun + ", audiences " + audiences + "]";
    }
}
