package dev.partnerconsent.standin.entra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Fixed demo tenants, so demo scripts and screenshots stay the same from run to run. */
public final class DemoTenants {

    /** The partner's own tenant: where a partner admin grants the Secure Application Model consent. */
    public static final DemoTenant CONTOSO_PARTNER =
            new DemoTenant("bb0a3224-b41d-4f4c-b37d-355adcff7272", "Contoso Partner", "contosopartner.onmicrosoft.com");
    public static final DemoTenant FABRIKAM =
            new DemoTenant("189b32d9-3cef-4869-87eb-cdd49e6bfb03", "Fabrikam", "fabrikam.onmicrosoft.com");
    public static final DemoTenant NORTHWIND =
            new DemoTenant("2eaab003-191f-4db5-9c85-05a02c0b8482", "Northwind Traders", "northwindtraders.onmicrosoft.com");

    public static final List<DemoTenant> ALL = List.of(CONTOSO_PARTNER, FABRIKAM, NORTHWIND);

    private DemoTenants() {
    }

    public static Optional<DemoTenant> byId(String tenantId) {
        return ALL.stream().filter(t -> t.id().equalsIgnoreCase(tenantId)).findFirst();
    }

    /** The demo tenant whose domain the given user name or domain hint ends with, if any. */
    public static Optional<DemoTenant> byDomainOf(String userOrDomain) {
        if (userOrDomain == null) {
            return Optional.empty();
        }
        String domain = userOrDomain.substring(userOrDomain.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.domain().equals(domain)).findFirst();
    }

    /** What Entra would call the directory in its messages. */
    public static String displayName(String tenantId) {
        return byId(tenantId).map(DemoTenant::displayName).orElse(tenantId);
    }
}
