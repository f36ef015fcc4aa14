package dev.partnerconsent.standin.entra;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first path segment of every Entra endpoint: a tenant id (GUID) or one of the
 * multi-tenant aliases {@code organizations} and {@code common}.
 */
public record Authority(String segment) {

    public static final String ORGANIZATIONS = "organizations";
    public static final String COMMON = "common";

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }

    /** Tenant ids are case-insensitive in Entra; they are kept lower-case here. */
    public static Optional<Authority> parse(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        if (isGuid(lower) || lower.equals(ORGANIZATIONS) || lower.equals(COMMON)) {
            return Optional.of(new Authority(lower));
        }
        return Optional.empty();
    }

    public boolean isTenant() {
        return isGuid(segment);
    }

    /** The issuer this authority's metadata publishes: the tenant's own, or Entra's template. */
    public String issuer(String baseUrl) {
        return baseUrl + "/" + (isTenant() ? segment : "{tenantid}") + "/v2.0";
    }
}
