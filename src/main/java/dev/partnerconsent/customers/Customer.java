package dev.partnerconsent.customers;

import java.time.Instant;
import java.util.Optional;

/**
 * One customer of a partner as last listed, with its GDAP summary and the last application consent's outcome.
 *
 * @param customerId Partner Center's id of the customer (its tenant id for customers made since 2016)
 */
public record Customer(String partnerTenantId, String customerId, String tenantId, String companyName, String domain,
                       Instant listedAt, GdapSummary gdap, Optional<String> consentOutcome, Optional<String> consentDetail,
                       Optional<Instant> consentAt) {
}
