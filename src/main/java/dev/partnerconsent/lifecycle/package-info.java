/**
 * Lifecycle of stored consents: the inventory, keep-alive rotation (redeem, store the rotated token, retire older
 * versions), access checks against Partner Center and Graph, and short-lived access tokens for automation.
 * <p>
 * Talks to Key Vault only through {@link dev.partnerconsent.vault.TokenVault} and to Entra ID through
 * {@link dev.partnerconsent.entra.TokenRedemption}. Never logs or returns a refresh token; access tokens leave
 * only through the token-use API, and their use is audited.
 * <p>
 * Layer: above {@code signin}. May use: every package below it ({@code settings}, {@code diagnostics},
 * {@code tenant}, {@code http}, {@code entra}, {@code vault}, {@code store}, {@code health}, {@code alerts},
 * {@code signin}).
 */
package dev.partnerconsent.lifecycle;
