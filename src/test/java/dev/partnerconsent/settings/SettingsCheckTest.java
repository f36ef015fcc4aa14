package dev.partnerconsent.settings;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f");
        m.put("partnerconsent.client-secret", "s3cr3t~value");
        m.put("partnerconsent.redirect-uri", "https://consent.example.com/consent/callback");
        m.put("partnerconsent.keyvault.url", "https://partner-vault.vault.azure.net/");
        m.put("partnerconsent.allowed-tenants", "bb0a3224-b41d-4f4c-b37d-355adcff7272");
        return m;
    }

    @Test
    void anEmptyTenantAllowListBlocksConsentsUnlessAnyTenantIsSaidExplicitly() {
        Map<String, String> m = valid();
        m.remove("partnerconsent.allowed-tenants");
        assertEquals(List.of("partnerconsent.allowed-tenants"), keysOfProblems(m), "empty: any tenant could write the vault");
        assertTrue(MapConfig.settings(m).problems().get(0).fix().contains("*"), "the fix names the explicit wildcard");
        m.put("partnerconsent.allowed-tenants", " ");
        assertEquals(List.of("partnerconsent.allowed-tenants"), keysOfProblems(m), "blank is empty");

        m.put("partnerconsent.allowed-tenants", "*");
        assertEquals(List.of(), keysOfProblems(m));
        assertTrue(keysOfWarnings(m).contains("partnerconsent.allowed-tenants"), "any tenant is said, as a warning");
        ConsentSettings any = MapConfig.settings(m).get();
        assertTrue(any.tenantAllowed("189b32d9-3cef-4869-87eb-cdd49e6bfb03"));

        m.put("partnerconsent.allowed-tenants", "*, bb0a3224-b41d-4f4c-b37d-355adcff7272");
        assertEquals(List.of("partnerconsent.allowed-tenants"), keysOfProblems(m), "* beside ids is ambiguous");

        m.put("partnerconsent.allowed-tenants", "BB0A3224-B41D-4F4C-B37D-355ADCFF7272,contoso.com");
        assertEquals(List.of("partnerconsent.allowed-tenants"), keysOfProblems(m), "a domain is not a tenant id");
        m.put("partnerconsent.allowed-tenants", "BB0A3224-B41D-4F4C-B37D-355ADCFF7272");
        ConsentSettings listed = MapConfig.settings(m).get();
        assertTrue(listed.tenantAllowed("bb0a3224-b41d-4f4c-b37d-355adcff7272"), "compared without case");
        assertFalse(listed.tenantAllowed("189b32d9-3cef-4869-87eb-cdd49e6bfb03"));
    }

    /** The settings whose problems block consents (warnings left out). */
    private static List<String> keysOfProblems(Map<String, String> values) {
        return MapConfig.settings(values).problems().stream().filter(SetupProblem::blocking).map(SetupProblem::key).toList();
    }

    private static List<String> keysOfWarnings(Map<String, String> values) {
        return MapConfig.settings(values).problems().stream().filter(p -> !p.blocking()).map(SetupProblem::key).toList();
    }

    @Test
    void completeSettingsHaveNoProblemsAndDefaults() {
        Settings settings = MapConfig.settings(valid());
        assertTrue(settings.ready(), () -> settings.problems().toString());
        assertEquals(List.of("partnerconsent.cookie-key"), keysOfWarnings(valid()), "only the multi-node cookie key warning");
        ConsentSettings s = settings.get();
        assertEquals("https://login.microsoftonline.com/organizations/v2.0", s.authority().orElseThrow().toString());
        assertTrue(s.requireMfa());
        assertEquals("login", s.prompt());
        assertTrue(s.scopes().contains("offline_access"));
        assertTrue(s.scopes().contains("https://api.partnercenter.microsoft.com/user_impersonation"));
    }

    @Test
    void clientSecretThatIsAGuidIsTheSecretsId() {
        Map<String, String> m = valid();
        m.put("partnerconsent.client-secret", "6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8");
        Settings s = MapConfig.settings(m);
        assertEquals(List.of("partnerconsent.client-secret"), keysOfProblems(m));
        assertTrue(s.problems().get(0).problem().contains("AADSTS7000215"), s.problems().toString());
    }

    @Test
    void vaultUrlMustBeAVaultOfAKnownCloudUnlessOverridden() {
        Map<String, String> m = valid();
        m.put("partnerconsent.keyvault.url", "https://partner-vault.vault.azure.com/");
        assertEquals(List.of("partnerconsent.keyvault.url"), keysOfProblems(m));
        m.put("partnerconsent.keyvault.url", "https://partner-vault.vault.azure.net/secrets/x");
        assertEquals(List.of("partnerconsent.keyvault.url"), keysOfProblems(m));
        for (String ok : List.of("https://pv1.vault.usgovcloudapi.net/", "https://pv1.vault.azure.cn", "https://partner-vault.vault.azure.net")) {
            m.put("partnerconsent.keyvault.url", ok);
            assertEquals(List.of(), keysOfProblems(m), ok);
        }
        m.put("partnerconsent.keyvault.url", "https://127.0.0.1:9443");
        assertEquals(List.of("partnerconsent.keyvault.url"), keysOfProblems(m));
        m.put("partnerconsent.keyvault.verify-challenge-resource", "false");
        assertEquals(List.of(), keysOfProblems(m), "an explicit emulator override is accepted");
        assertTrue(keysOfWarnings(m).contains("partnerconsent.keyvault.url"));
    }

    @Test
    void authorityOfKnownAndCustomClouds() {
        Map<String, String> m = valid();
        for (String ok : List.of("https://login.microsoftonline.us/organizations/v2.0",
                "https://login.partner.microsoftonline.cn/organizations/v2.0", "https://login.chinacloudapi.cn/organizations/v2.0",
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
                "https://login.microsoftonline.com/7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d/v2.0")) {
            m.put("partnerconsent.authority", ok);
            assertEquals(List.of(), keysOfProblems(m), ok);
            assertFalse(keysOfWarnings(m).contains("partnerconsent.authority"), ok);
        }
        m.put("partnerconsent.authority", "https://login.microsoftonline.com/organizations");
        assertEquals(List.of("partnerconsent.authority"), keysOfProblems(m), "v1 endpoint");
        m.put("partnerconsent.authority", "http://login.microsoftonline.com/organizations/v2.0");
        assertEquals(List.of("partnerconsent.authority"), keysOfProblems(m), "not https");
        m.put("partnerconsent.authority", "https://idp.example.com/organizations/v2.0");
        assertEquals(List.of(), keysOfProblems(m));
        assertTrue(keysOfWarnings(m).contains("partnerconsent.authority"), "a custom host is a warning");
        m.put("partnerconsent.authority", "https://login.microsoftonline.us/organizations/v2.0");
        assertTrue(keysOfWarnings(m).contains("partnerconsent.keyvault.url"), "US Gov authority with a public-cloud vault");
    }

    @Test
    void trailingSlashOnTheRedirectUriIsAWarning() {
        Map<String, String> m = valid();
        m.put("partnerconsent.redirect-uri", "https://consent.example.com/consent/callback/");
        assertEquals(List.of(), keysOfProblems(m));
        assertTrue(keysOfWarnings(m).contains("partnerconsent.redirect-uri"));
    }

    @Test
    void scopesPromptAndCertificateAreChecked() {
        Map<String, String> m = valid();
        m.put("partnerconsent.scopes", "https://api.partnercenter.microsoft.com/user_impersonation openid");
        m.put("partnerconsent.prompt", "always");
        m.put("partnerconsent.client-certificate", "/no/such/file.pem");
        assertEquals(List.of("partnerconsent.scopes", "partnerconsent.prompt", "partnerconsent.client-certificate"), keysOfProblems(m));
        m.remove("partnerconsent.prompt");
        m.remove("partnerconsent.client-certificate");
        m.put("partnerconsent.scopes", "https://graph.microsoft.com/User.Read offline_access openid");
        assertEquals(List.of("partnerconsent.scopes"), keysOfProblems(m), "every consent is proven at Partner Center");
    }

    @Test
    void missingClientIdIsNamed() {
        Map<String, String> m = valid();
        m.remove("partnerconsent.client-id");
        assertEquals(List.of("partnerconsent.client-id"), keysOfProblems(m));
    }

    @Test
    void malformedGuidIsNamed() {
        Map<String, String> m = valid();
        m.put("partnerconsent.client-id", "my-partner-app");
        assertEquals(List.of("partnerconsent.client-id"), keysOfProblems(m));
    }

    @Test
    void neitherSecretNorCertificate() throws Exception {
        Map<String, String> m = valid();
        m.remove("partnerconsent.client-secret");
        assertEquals(List.of("partnerconsent.client-secret"), keysOfProblems(m));
        java.nio.file.Path pem = java.nio.file.Files.createTempFile("app", ".pem");
        m.put("partnerconsent.client-certificate", pem.toString());
        assertEquals(List.of(), keysOfProblems(m));
        java.nio.file.Files.delete(pem);
    }

    @Test
    void plainHttpRedirectOnlyOnLoopback() {
        Map<String, String> m = valid();
        m.put("partnerconsent.redirect-uri", "http://consent.example.com/consent/callback");
        assertEquals(List.of("partnerconsent.redirect-uri"), keysOfProblems(m));
        m.put("partnerconsent.redirect-uri", "http://127.0.0.1:8080/consent/callback");
        assertEquals(List.of(), keysOfProblems(m));
        m.put("partnerconsent.redirect-uri", "http://localhost:8080/consent/callback");
        assertEquals(List.of(), keysOfProblems(m));
    }

    @Test
    void relativeOrBrokenUrlsAreNamed() {
        Map<String, String> m = valid();
        m.put("partnerconsent.redirect-uri", "/consent/callback");
        m.put("partnerconsent.keyvault.url", "https://bad vault");
        List<String> keys = keysOfProblems(m);
        assertTrue(keys.contains("partnerconsent.redirect-uri"), keys::toString);
        assertTrue(keys.contains("partnerconsent.keyvault.url"), keys::toString);
    }

    @Test
    void partialKeyVaultCredentialIsNamed() {
        Map<String, String> m = valid();
        m.put("partnerconsent.keyvault.client-id", "0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");
        assertEquals(List.of("partnerconsent.keyvault.*"), keysOfProblems(m));
    }

    @Test
    void tuningSettingsTakeTheirDefaultsWhenMissingBlankOrUnreadable() {
        ConsentSettings.LifecycleValues defaults = MapConfig.settings(valid()).get().lifecycle();
        assertEquals(java.time.Duration.ofDays(7), defaults.interval());
        assertEquals(4, defaults.concurrency());
        assertEquals("https://graph.microsoft.com", defaults.graphUrl().toString());
        ConsentSettings.OperatorValues operators = MapConfig.settings(valid()).get().operators();
        assertEquals("https://consent.example.com/operator/callback", operators.redirectUri().toString(),
                "the operator reply URL follows the consent redirect URI's origin");
        assertEquals(java.time.Duration.ofHours(8), operators.session());

        Map<String, String> m = valid();
        m.put(SettingsReader.KEEPALIVE_INTERVAL, "weekly");
        m.put(SettingsReader.KEEPALIVE_CONCURRENCY, " ");
        m.put(SettingsReader.KV_OPS_PER_SECOND, "1000000");
        m.put(SettingsReader.GRAPH_URL, "graph.local/");
        m.put(SettingsReader.OPERATOR_SESSION, "PT0S");
        m.put(SettingsReader.ADMINS, " 189B32D9-3CEF-4869-87EB-CDD49E6BFB03:0C9A8B7D-6E5F-4A3B-2C1D-0E9F8A7B6C5D ");
        Settings settings = MapConfig.settings(m);
        assertTrue(settings.ready(), "a tuning typo never blocks consents: " + settings.problems());
        assertEquals(List.of(SettingsReader.KEEPALIVE_INTERVAL, SettingsReader.KV_OPS_PER_SECOND, SettingsReader.GRAPH_URL,
                SettingsReader.OPERATOR_SESSION), keysOfWarnings(m).stream().filter(k -> !k.equals(SettingsReader.COOKIE_KEY)).toList(),
                "each unreadable value is named once; the blank one just takes its default");
        assertTrue(settings.problems().stream().filter(p -> p.key().equals(SettingsReader.KEEPALIVE_INTERVAL))
                .allMatch(p -> p.problem().contains("'weekly'") && p.problem().contains("using PT168H")), settings.problems().toString());
        assertEquals(defaults, settings.get().lifecycle(), "every unreadable or blank value is its default");
        assertEquals(java.time.Duration.ofHours(8), settings.get().operators().session());
        assertEquals(java.util.Set.of("189b32d9-3cef-4869-87eb-cdd49e6bfb03:0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d"),
                settings.get().operators().admins());
    }

    @Test
    void badCookieKeyAndBooleanAreNamed() {
        Map<String, String> m = valid();
        m.put("partnerconsent.cookie-key", "dG9vLXNob3J0");
        m.put("partnerconsent.require-mfa", "maybe");
        List<String> keys = keysOfProblems(m);
        assertEquals(List.of("partnerconsent.require-mfa", "partnerconsent.cookie-key"), keys);
        assertTrue(MapConfig.settings(m).get().requireMfa(), "an unreadable require-mfa keeps the safe default");
    }

    @Test
    void booleansTakeMicroProfileConfigsSpellings() {
        Map<String, String> m = valid();
        m.put(SettingsReader.KEEPALIVE_ENABLED, "off");
        m.put("partnerconsent.require-mfa", "No");
        Settings settings = MapConfig.settings(m);
        assertEquals(List.of(), keysOfProblems(m));
        assertFalse(settings.get().lifecycle().enabled(), "off means off");
        assertFalse(settings.get().requireMfa());
        m.put(SettingsReader.KEEPALIVE_ENABLED, "ON");
        m.put("partnerconsent.require-mfa", "1");
        assertTrue(MapConfig.settings(m).get().lifecycle().enabled());
        assertTrue(MapConfig.settings(m).get().requireMfa());
    }

    @Test
    void settingsNeverPrintSecrets() {
        Map<String, String> m = valid();
        m.put("partnerconsent.keyvault.tenant-id", "7d1b6c2e-0a4f-4e3b-9c8d-1f2e3a4b5c6d");
        m.put("partnerconsent.keyvault.client-id", "0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");
        m.put("partnerconsent.keyvault.client-secret", "kv~secret~value");
        m.put("partnerconsent.cookie-key", "q2lO0x8dW3m5rJ4u7Hk9s1VbN6cE0fTzYpAaQwErTyU=");
        String printed = MapConfig.settings(m).get().toString();
        assertFalse(printed.contains("s3cr3t~value"), printed);
        assertFalse(printed.contains("kv~secret~value"), printed);
        assertFalse(printed.contains("q2lO0x8dW3m5"), printed);
        assertTrue(printed.contains("5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f"), printed);
    }

    @Test
    void tokensGoOnlyToMicrosoftsApiHostsUnlessExplicitlyOverridden() {
        for (String url : List.of("https://api.partnercenter.microsoft.com", "https://partner.partnercenterapi.microsoftonline.cn/",
                "https://api.partner.microsoft.com")) {
            Map<String, String> m = valid();
            m.put(SettingsReader.PARTNER_CENTER_URL, url);
            assertEquals(List.of(), keysOfProblems(m), url);
            assertFalse(keysOfWarnings(m).contains(SettingsReader.PARTNER_CENTER_URL), url);
        }
        for (String url : List.of("https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn")) {
            Map<String, String> m = valid();
            m.put(SettingsReader.GRAPH_URL, url);
            assertEquals(List.of(), keysOfProblems(m), url);
        }
        for (String url : List.of("http://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com.evil.example",
                "https://api.partnercenter.microsoft.com:8443", "http://127.0.0.1:8080")) {
            Map<String, String> m = valid();
            m.put(SettingsReader.PARTNER_CENTER_URL, url);
            assertEquals(List.of(SettingsReader.PARTNER_CENTER_URL), keysOfProblems(m), url);
            SetupProblem p = MapConfig.settings(m).problems().stream().filter(SetupProblem::blocking).findFirst().orElseThrow();
            assertTrue(p.problem().contains("access tokens are sent there"), p.problem());
            assertTrue(p.fix().contains(SettingsReader.APIS_OTHER_HOSTS), p.fix());

            m.put(SettingsReader.APIS_OTHER_HOSTS, "true");
            assertEquals(List.of(), keysOfProblems(m), "the explicit override accepts " + url);
            assertTrue(keysOfWarnings(m).contains(SettingsReader.PARTNER_CENTER_URL), "and warns about " + url);
        }
        Map<String, String> graph = valid();
        graph.put(SettingsReader.GRAPH_URL, "https://graph.example.com");
        assertEquals(List.of(SettingsReader.GRAPH_URL), keysOfProblems(graph));
    }
}
