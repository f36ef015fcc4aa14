package dev.partnerconsent.standin.entra;

/** Ways to spoil an otherwise normal ID token, each of which a correct client must refuse. */
public enum IdTokenTamper {
    /** One bit of the RS256 signature flipped. */
    BAD_SIGNATURE,
    /** {@code alg: none}, no signature. */
    ALG_NONE,
    /** HS256 with a secret the attacker knows (e.g. the client secret), same {@code kid}. */
    HS256_WITH_SECRET,
    /** RS256 by a key that is not in the JWKS. */
    UNKNOWN_KID,
    /** {@code aud} names another application. */
    WRONG_AUD,
    /** {@code iss} is the v1 issuer {@code https://sts.windows.net/<tid>/}. */
    WRONG_ISS,
    /** {@code iss} names another tenant than {@code tid} (defeats a naive {@code {tenantid}} check). */
    ISSUER_OF_OTHER_TENANT,
    /** Expired an hour ago. */
    EXPIRED,
    /** Issued ten minutes in the future. */
    IAT_IN_FUTURE,
    /** A nonce that is not the one sent. */
    WRONG_NONCE,
    /** No nonce claim though one was sent. */
    MISSING_NONCE
}
