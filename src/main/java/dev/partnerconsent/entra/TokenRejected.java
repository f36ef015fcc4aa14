package dev.partnerconsent.entra;

/**
 * A token the {@link JwtVerifier} refused, with the check that refused it, so that each caller can name the failure
 * in its own terms (the ID token's per-claim codes, the API's 401). The message names claims, never the token.
 */
public final class TokenRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which check refused the token, in the order they run. */
    public enum Check {
        ALGORITHM, MALFORMED, SIGNING_KEY, KEYS_UNREACHABLE, SIGNATURE, AUDIENCE, ISSUER, SUBJECT, LIFETIME, EXPIRED, NONCE
    }

    private final Check check;

    public TokenRejected(Check check, String detail) {
        super(detail, null, false, false);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
