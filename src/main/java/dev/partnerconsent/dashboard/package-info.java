/**
 * The operator dashboard: consents counted by health state, the re-consent-by timeline, the last keep-alive run, and a
 * searchable page of consents — all from the database's health ledger, so it stays fast at thousands of consents and
 * never reads the vault. Also {@code GET /api/health-summary} for monitoring and the per-state gauges.
 * <p>
 * Layer: the highest, beside {@code operator} (which registers its API resource and guards its routes); it uses
 * {@code store}, {@code health} and {@code diagnostics}, never {@code operator}.
 */
package dev.partnerconsent.dashboard;
