package dev.partnerconsent.customers;

/**
 * How an application consent into one customer ended.
 *
 * @param code   {@code created}, {@code replaced} (grants changed: deleted and created again), {@code unchanged} (already
 *               consented with these grants), or the failure's catalogue code
 * @param detail what happened, in words: the pre-check's "will fail because…", Partner Center's description, the proof
 */
public record CustomerConsentOutcome(String customerId, String tenantId, String companyName, String applicationId,
                                     String code, String detail) {

    public boolean ok() {
        return code.equals("created") || code.equals("replaced") || code.equals("unchanged");
    }
}
