/**
 * Diagnostics: turns every failure an operator can meet (Entra ID AADSTS errors, our own token checks,
 * Key Vault answers) into an explanation with the cause and the fix, and the model the error page shows.
 * <p>
 * Owns the failure catalogue ({@code failure-catalogue.json} beside this package's classes: code, explanation and
 * default HTTP status) and {@link dev.partnerconsent.diagnostics.FailureCode}, every code the app raises itself.
 * Must never hold or print a token, code or secret: failures carry only codes, safe descriptions and
 * Entra's trace ids.
 */
package dev.partnerconsent.diagnostics;
