/**
 * The partner's customers: who they are (Partner Center's customer list, cached in the database), what the partner
 * may do in each (its GDAP relationships from Microsoft Graph, summarised into flags), and application consents into
 * them (Partner Center's {@code applicationconsents}, checked before it is called, proven afterwards with a token of
 * the customer's tenant, paced, audited, recorded in the run history).
 * <p>
 * Calls Partner Center and Graph only through {@link dev.partnerconsent.entra.MicrosoftApis} with access tokens the
 * stored consent yields ({@link dev.partnerconsent.lifecycle.TokenRotation}); never logs or returns a token.
 * <p>
 * Layer: above {@code lifecycle}, below {@code operator}. May use: every package below it.
 */
package dev.partnerconsent.customers;
