/**
 * Operator access: who may use the pages under {@code /admin/} and the API under {@code /api/}. Browser operators
 * sign in through the same Entra app (same token-endpoint client and ID token check as the consent flow; the session is
 * a session id in a sealed cookie with a row in the database, checked on every request so that it can be ended on every
 * node at once); automation sends a bearer access token issued for this app, checked by
 * the same JWT verifier. A Jakarta Security {@code HttpAuthenticationMechanism} turns either into the container role
 * {@code operator}, so the same WAR is protected the same way on Payara and WildFly. Also the JSON API and the admin
 * pages' models (inventory, access check, customers).
 * <p>
 * Never logs a token; refusals are answered with the catalogue's explanation (a page or JSON).
 * <p>
 * Layer: the highest. May use: every other package.
 */
package dev.partnerconsent.operator;
