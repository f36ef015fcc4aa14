package dev.partnerconsent.tenant;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Entra ID tenant id: a GUID, lower-cased (Entra and Key Vault compare them without case, so one spelling).
 *
 * @param value the GUID, e.g. {@code 72f988bf-86f1-41af-91ab-2d7cd011db47}
 */
public record TenantId(String value) {

    private static final Pattern GUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** @throws IllegalArgumentException when {@code value} is not a GUID; use {@link #parse} for text from outside */
    public TenantId {
        value = Objects.requireNonNull(value, "tenant id").toLowerCase(Locale.ROOT);
        if (!GUID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tenant id (a GUID)");
        }
    }

    /** The tenant id in {@code text}, or empty when it is absent or not a GUID. Surrounding blanks are ignored. */
    public static Optional<TenantId> parse(String text) {
        return isValid(text) ? Optional.of(new TenantId(text.strip())) : Optional.empty();
    }

    public static boolean isValid(String text) {
        return text != null && GUID.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
