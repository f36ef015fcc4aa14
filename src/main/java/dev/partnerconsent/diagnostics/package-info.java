/**
 * Diagnostics: turns every failure an operator can meet (Entra ID AADSTS errors, our own token checks,
 * Key Vault answers) into an explanation with the cause and the fix, the metrics of the consent flow (labelled only with
 * catalogue codes), and the limit on repeated warnings ({@link dev.partnerconsent.diagnostics.WarningLimiter}).
 * <p>
 * Owns the failure catalogue ({@code failure-catalogue.json} beside this package's classes: code, explanation and
 * default HTTP status) and {@link dev.partnerconsent.diagnostics.FailureCode}, every code the app raises itself.
 * Must never hold or print a token, code or secret: failures carry only codes, safe descriptions and
 * Entra's trace ids.
 * <p>
 * Layer: the lowest, beside {@code settings} and {@code tenant}. May use: {@code settings}, {@code tenant} (no
 * cycle between them); no web API (Servlet, Faces, JAX-RS).
 */
package dev.partnerconsent.diagnostics;
