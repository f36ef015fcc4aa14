/**
 * Operator access: who may use the pages under {@code /admin/} and the API under {@code /api/}. Browser operators
 * sign in through the same Entra app (ID token checked as in the consent flow, session in a sealed cookie, nothing
 * stored server-side); automation sends a bearer access token issued for this app. A Jakarta Security
 * {@code HttpAuthenticationMechanism} turns either into the container role {@code operator}, so the same WAR is
 * protected the same way on Payara and WildFly. Also the JSON API itself.
 * <p>
 * Never logs a token; refusals are answered with the catalogue's explanation (a page or JSON).
 */
package dev.partnerconsent.operator;
