/**
 * Settings: the typed, validated view of MicroProfile Config ({@link dev.partnerconsent.settings.ConsentSettings}),
 * the setup check and the health probes that report it, and the application's one {@link java.time.Clock}.
 * <p>
 * Owns reading {@code partnerconsent.*} keys; no other package reads configuration directly.
 * Must not talk to Entra ID or Key Vault itself: live probes belong to the packages that own those clients.
 * <p>
 * Layer: the lowest, beside {@code diagnostics} and {@code tenant}. May use: nothing of the application, and no
 * web API (Servlet, Faces, JAX-RS). The order of all layers is held by {@code LayersTest}.
 */
package dev.partnerconsent.settings;
