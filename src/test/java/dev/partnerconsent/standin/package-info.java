/**
 * Local stand-ins for Azure, used by the tests and by the demo: an Entra-ID-shaped OpenID provider
 * ({@code entra}) and an HTTPS Key Vault secrets emulator ({@code keyvault}), with the self-signed TLS
 * material they need ({@code tls}). The production code talks to them over real HTTP with the real Nimbus and
 * Azure SDK clients; nothing here mocks those libraries.
 */
package dev.partnerconsent.standin;
