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
    /** Issued ten minutes in the future (iat, nbf and exp all moved). */
    IAT_IN_FUTURE,
    /** Only {@code iat} ten minutes in the future; nbf and exp as usual. */
    ONLY_IAT_IN_FUTURE,
    /** Only {@code nbf} ten minutes in the future; iat and exp as usual. */
    ONLY_NBF_IN_FUTURE,
    /** OpenID Connect's REQUIRED claims, each left out: {@code iss}. */
    MISSING_ISS,
    /** No {@code sub}. */
    MISSING_SUB,
    /** No {@code aud}. */
    MISSING_AUD,
    /** No {@code exp}. */
    MISSING_EXP,
    /** No {@code iat}. */
    MISSING_IAT,
    /** No {@code tid} (Entra's tenant id, from which the issuer is derived). */
    MISSING_TID,
    /** A {@code tid} that is not a GUID. */
    NON_GUID_TID,
    /** {@code aud} names this app and another one, without {@code azp}. */
    EXTRA_AUDIENCE,
    /** {@code azp} names another application. */
    WRONG_AZP,
    /** Signed by the published key, but the payload is a JSON array, not a claims object. */
    MALFORMED_CLAIMS,
    /** A nonce that is not the one sent. */
    WRONG_NONCE,
    /** No nonce claim though one was sent. */
    MISSING_NONCE,
    /** {@code auth_time} two days ago: an old single sign-on session. */
    STALE_AUTH_TIME,
    /** No {@code auth_time}. */
    MISSING_AUTH_TIME
}
