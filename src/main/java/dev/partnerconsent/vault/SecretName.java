package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.tenant.TenantId;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Key Vault secret name of a tenant's consent: {@code <prefix><tenantId>}, checked against Key Vault's
 * rules ({@code ^[0-9a-zA-Z-]{1,127}$}, case-insensitive) before any call is made.
 */
public record SecretName(String value) {

    private static final Pattern RULE = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");

    public static SecretName of(String prefix, TenantId tenant) throws FailureException {
        String name = prefix + tenant.value();
        if (!RULE.matcher(name).matches()) {
            throw new FailureException(FailureCode.SECRET_NAME_INVALID, "'" + name + "' is not a valid Key Vault secret name "
                    + "(1-127 letters, digits and dashes): check partnerconsent.keyvault.secret-prefix.");
        }
        return new SecretName(name);
    }

    /**
     * The tenant whose consent {@code secretName} is, when it is exactly {@code <prefix><tenant id>} (Key Vault compares
     * names without case). Any other name in the vault is not a consent, whatever its content type or tags say.
     */
    public static Optional<TenantId> tenantIn(String prefix, String secretName) {
        if (secretName == null || secretName.length() != prefix.length() + 36
                || !secretName.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return TenantId.parse(secretName.substring(prefix.length()));
    }

    public static boolean validPrefix(String prefix) {
        return prefix.isEmpty() || prefix.matches("^[0-9a-zA-Z-]{1,90}$");
    }

    @Override
    public String toString() {
        return value;
    }
}
