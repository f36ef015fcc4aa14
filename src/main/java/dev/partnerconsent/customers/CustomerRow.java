package dev.partnerconsent.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One customer of one partner as stored: Partner Center's listing, the GDAP summary, the last consent's outcome. */
@Entity
@Table(name = "partner_customer")
public class CustomerRow {

    @Id
    @Column(name = "id")
    String id;
    @Column(name = "partner_tenant_id", nullable = false)
    String partnerTenantId;
    @Column(name = "customer_id", nullable = false)
    String customerId;
    @Column(name = "tenant_id", nullable = false)
    String tenantId;
    @Column(name = "company_name", nullable = false)
    String companyName;
    @Column(name = "domain_name", nullable = false)
    String domain;
    @Column(name = "search_text", nullable = false)
    String searchText;
    @Column(name = "listed_ms", nullable = false)
    long listedMillis;
    @Column(name = "gdap_status", nullable = false)
    String gdapStatus;
    @Column(name = "gdap_relationships", nullable = false)
    int gdapRelationships;
    @Column(name = "gdap_end_ms")
    Long gdapEndMillis;
    @Column(name = "gdap_auto_extend")
    String gdapAutoExtend;
    @Column(name = "gdap_roles", nullable = false)
    String gdapRoles;
    @Column(name = "gdap_groups", nullable = false)
    String gdapGroups;
    @Column(name = "flag_no_active", nullable = false)
    boolean noActive;
    @Column(name = "flag_ends_soon", nullable = false)
    boolean endsSoon;
    @Column(name = "flag_global_admin", nullable = false)
    boolean globalAdmin;
    @Column(name = "flag_roles_insufficient", nullable = false)
    boolean rolesInsufficient;
    @Column(name = "consent_outcome")
    String consentOutcome;
    @Column(name = "consent_detail")
    String consentDetail;
    @Column(name = "consent_ms")
    Long consentMillis;

    protected CustomerRow() {
    }

    CustomerRow(String partnerTenantId, String customerId) {
        this.id = key(partnerTenantId, customerId);
        this.partnerTenantId = partnerTenantId;
        this.customerId = customerId;
    }

    static String key(String partnerTenantId, String customerId) {
        return partnerTenantId + "|" + customerId;
    }

    void listed(ListedCustomer c, long at) {
        tenantId = c.tenantId();
        companyName = clip(c.companyName(), 320);
        domain = clip(c.domain(), 320);
        searchText = clip((companyName + "|" + domain + "|" + tenantId).toLowerCase(Locale.ROOT), 800);
        listedMillis = at;
    }

    void gdap(GdapSummary s) {
        gdapStatus = clip(s.status(), 32);
        gdapRelationships = s.relationships();
        gdapEndMillis = s.end().map(Instant::toEpochMilli).orElse(null);
        gdapAutoExtend = s.autoExtend().map(a -> clip(a, 16)).orElse(null);
        gdapRoles = clip(String.join(",", s.roles()), 2000);
        gdapGroups = clip(String.join(",", s.groups()), 2000);
        noActive = s.noActive();
        endsSoon = s.endsSoon();
        globalAdmin = s.globalAdmin();
        rolesInsufficient = s.rolesInsufficient();
    }

    void consented(String outcome, String detail, long at) {
        consentOutcome = clip(outcome, 64);
        consentDetail = clip(detail, 1000);
        consentMillis = at;
    }

    Customer customer() {
        return new Customer(partnerTenantId, customerId, tenantId, companyName, domain, Instant.ofEpochMilli(listedMillis),
                new GdapSummary(gdapStatus, gdapRelationships, Optional.ofNullable(gdapEndMillis).map(Instant::ofEpochMilli),
                        Optional.ofNullable(gdapAutoExtend), split(gdapRoles), split(gdapGroups), noActive, endsSoon,
                        globalAdmin, rolesInsufficient),
                Optional.ofNullable(consentOutcome), Optional.ofNullable(consentDetail),
                Optional.ofNullable(consentMillis).map(Instant::ofEpochMilli));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String clip(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max - 1) + "…";
    }
}
