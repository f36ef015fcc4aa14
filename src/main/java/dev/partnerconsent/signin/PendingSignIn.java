package dev.partnerconsent.signin;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

import java.time.Instant;

/**
 * A sign-in that was started and not yet completed: what the callback must compare against.
 * Lives only inside the sealed cookie; {@code toString} never prints the verifier.
 */
public record PendingSignIn(State state, Nonce nonce, CodeVerifier codeVerifier, Instant issuedAt) {

    public static PendingSignIn start(Instant now) {
        // 256-bit state and nonce (Nimbus defaults), PKCE verifier of 256 bits
        return new PendingSignIn(new State(), new Nonce(), new CodeVerifier(), now);
    }

    @Override
    public String toString() {
        return "PendingSignIn[issuedAt=" + issuedAt + "]";
    }
}
