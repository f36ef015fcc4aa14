/**
 * Settings: the typed, validated view of MicroProfile Config ({@link dev.partnerconsent.settings.ConsentSettings}),
 * the setup check and the health probes that report it.
 * <p>
 * Owns reading {@code partnerconsent.*} keys; no other package reads configuration directly.
 * Must not talk to Entra ID or Key Vault itself: live probes belong to the packages that own those clients.
 */
package dev.partnerconsent.settings;
