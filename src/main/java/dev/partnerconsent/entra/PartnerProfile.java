package dev.partnerconsent.entra;

/**
 * The partner's organization profile as Partner Center answered {@code GET /v1/profiles/organization}: proof that the
 * access token acts for an admin agent of a partner tenant.
 *
 * @param companyName the partner's company name, or empty when Partner Center gave none
 */
public record PartnerProfile(String companyName) {
}
