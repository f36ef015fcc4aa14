package dev.partnerconsent.customers;

/** One customer as Partner Center's {@code GET /v1/customers} listed it: its id and {@code companyProfile}. */
public record ListedCustomer(String id, String tenantId, String companyName, String domain) {
}
