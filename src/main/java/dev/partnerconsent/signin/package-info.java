/**
 * Sign-in: the consent start resource, the OIDC callback filter and the steps between them (who may consent:
 * {@link dev.partnerconsent.signin.ConsentPolicy}), the sealed single-use pending-sign-in cookie (also used by the
 * operator sign-in) and its bounded record of used states, the sealed outcome the callback redirects to
 * ({@link dev.partnerconsent.signin.ConsentOutcome}, shown by {@link dev.partnerconsent.signin.ConsentOutcomePage}),
 * and the consent result page's model.
 * <p>
 * Talks to Entra ID only through {@code entra}; hands the refresh token to
 * {@link dev.partnerconsent.vault.TokenVault} and to nothing else; never logs or displays a token or code.
 * <p>
 * Layer: above {@code vault}. May use: {@code settings}, {@code diagnostics}, {@code tenant}, {@code http},
 * {@code entra}, {@code vault}, {@code store}, {@code health}, {@code alerts} (a stored consent's health and its alert).
 */
package dev.partnerconsent.signin;
