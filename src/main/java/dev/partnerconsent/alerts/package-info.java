/**
 * Alerts: what operators must hear about before automation breaks (a consent needing a new one, expiring, without MFA,
 * a keep-alive run or an access check failing), delivered to the channels they already watch — a webhook (generic
 * JSON, Microsoft Teams workflows, Slack) and e-mail through the server's Jakarta Mail session. Beside {@code vault}
 * in the layer order: it may use {@code settings}, {@code diagnostics}, {@code tenant} and its peers {@code store} (the health
 * ledger, the alerts raised, the audit trail) and {@code health}, and no
 * Servlet, Faces or JAX-RS. Delivery never blocks the caller.
 */
package dev.partnerconsent.alerts;
