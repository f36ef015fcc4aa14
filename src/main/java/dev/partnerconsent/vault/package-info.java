/**
 * Vault: {@link dev.partnerconsent.vault.TokenVault}, the only code that talks to Azure Key Vault, the
 * secret naming rules and the records describing stored consents.
 * <p>
 * Writes refresh tokens as secret values and everything else as tags; never returns a secret value to a
 * page, a log or an exception message.
 */
package dev.partnerconsent.vault;
