package dev.partnerconsent.signin;

/**
 * Who signed in, from a validated ID token.
 *
 * @param mfa       whether multi-factor authentication is evidenced
 * @param mfaSource where the evidence came from: {@code id_token}, {@code access_token} or {@code none}
 */
public record SignedInPartner(String tenantId, String objectId, String userPrincipalName, String displayName,
                              boolean mfa, String mfaSource) {
}
