/**
 * Vault: {@link dev.partnerconsent.vault.TokenVault}, the only code that talks to Azure Key Vault, the
 * secret naming rules and the records describing stored consents.
 * <p>
 * Writes refresh tokens as secret values and everything else as tags; never returns a secret value to a
 * page, a log or an exception message.
 * <p>
 * Layer: above {@code entra}, beside {@code store}. May use: {@code settings}, {@code diagnostics}, {@code tenant},
 * {@code http}, {@code entra}; {@code store} only without a cycle.
 */
package dev.partnerconsent.vault;
