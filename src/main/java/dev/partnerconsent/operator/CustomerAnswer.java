package dev.partnerconsent.operator;

import dev.partnerconsent.customers.ApplicationConsents;
import dev.partnerconsent.customers.Customer;
import dev.partnerconsent.customers.GdapFlag;
import dev.partnerconsent.customers.GdapRoles;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One customer as {@code /api/customers} answers it: who it is, its GDAP summary and flags, why an application consent
 * would fail ({@code precheck}; null when nothing stands in the way), the last consent's outcome.
 */
@JsonbNillable
public record CustomerAnswer(String partnerTenantId, String customerId, String tenantId, String companyName, String domain,
                             Instant listedAt, Gdap gdap, List<String> flags, String precheck, String lastConsentOutcome,
                             String lastConsentDetail, Instant lastConsentAt) {

    /** The GDAP summary; roles by name. */
    @JsonbNillable
    public record Gdap(String status, int relationships, Instant endDateTime, String autoExtendDuration, List<String> roles,
                       List<String> roleIds, List<String> groups) {
    }

    static CustomerAnswer of(Customer c) {
        var g = c.gdap();
        return new CustomerAnswer(c.partnerTenantId(), c.customerId(), c.tenantId(), c.companyName(), c.domain(), c.listedAt(),
                new Gdap(g.status(), g.relationships(), g.end().orElse(null), g.autoExtend().orElse(null),
                        g.roles().stream().map(GdapRoles::name).toList(), g.roles(), g.groups()),
                Arrays.stream(GdapFlag.values()).filter(f -> f.on(g)).map(GdapFlag::code).toList(),
                ApplicationConsents.precheck(c).map(f -> f.code() + ": " + f.detail()).orElse(null),
                c.consentOutcome().orElse(null), c.consentDetail().orElse(null), c.consentAt().orElse(null));
    }
}
