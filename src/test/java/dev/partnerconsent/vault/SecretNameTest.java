package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.tenant.TenantId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretNameTest {

    @Test
    void tenantIdIsTheNameByDefault() throws Exception {
        assertEquals("7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d",
                SecretName.of("", new TenantId("7D1B6C2E-0A4F-4E3B-9C8D-1F2E3A4B5C6D")).value());
        assertEquals("pc-7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d",
                SecretName.of("pc-", new TenantId("7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d")).value());
    }

    @Test
    void keyVaultRulesAreCheckedBeforeAnyCall() {
        FailureException e = assertThrows(FailureException.class, () -> SecretName.of("bad_prefix.", new TenantId("7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d")));
        assertEquals("secret-name-invalid", e.failure().code());
        assertThrows(FailureException.class, () -> SecretName.of("x".repeat(100), new TenantId("7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d")));
    }

    @Test
    void aConsentsNameIsExactlyPrefixAndTenantId() {
        String tenant = "7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d";
        assertEquals(java.util.Optional.of(new TenantId(tenant)), SecretName.tenantIn("", tenant));
        assertEquals(java.util.Optional.of(new TenantId(tenant)), SecretName.tenantIn("pc-", "PC-" + tenant.toUpperCase()));
        for (String name : java.util.List.of("faults-" + tenant, tenant + "-x", "pc" + tenant, "pc-" + tenant.substring(1) + "g", "")) {
            assertEquals(java.util.Optional.empty(), SecretName.tenantIn(name.startsWith("faults") ? "" : "pc-", name), name);
        }
        assertEquals(java.util.Optional.empty(), SecretName.tenantIn("", null));
    }
}
