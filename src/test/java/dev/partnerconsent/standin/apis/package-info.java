/**
 * A local stand-in for the two Microsoft APIs the access check calls: Partner Center
 * ({@code GET /v1/profiles/organization}) and Microsoft Graph ({@code GET /v1.0/organization}), over HTTPS on
 * 127.0.0.1. Each checks the bearer token as the real API would (signature by the local Entra ID's keys, audience,
 * tenant, and for Partner Center the MFA claim, answering 900421 without it) and records who called.
 */
package dev.partnerconsent.standin.apis;
