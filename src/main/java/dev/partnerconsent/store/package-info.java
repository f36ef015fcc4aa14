/**
 * Store: the database through Jakarta Persistence — the audit trail (hash-chained, append-only), keep-alive run
 * history, each consent's health ({@link dev.partnerconsent.store.HealthLedger}), the alerts raised (one per event,
 * tenant and day: {@link dev.partnerconsent.store.AlertClaims}), the rows that coordinate nodes (the keep-alive lease,
 * one row per tenant locked while it rotates), and the operator sessions (by the hash of their id).
 * {@link dev.partnerconsent.store.Database} finds the datasource by its JNDI name, migrates the schema with Flyway
 * and opens the persistence unit; nothing else touches JDBC or JPA.
 * <p>
 * Never stores a token, code or secret: audit rows carry who, what, which tenant and outcome codes only.
 * <p>
 * Layer: beside {@code vault}. May use: {@code settings}, {@code diagnostics}, {@code tenant}, {@code health} (its rules); never {@code vault}, so
 * {@code vault} may use it.
 */
package dev.partnerconsent.store;
