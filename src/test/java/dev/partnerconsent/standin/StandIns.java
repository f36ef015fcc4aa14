package dev.partnerconsent.standin;

import dev.partnerconsent.standin.apis.LocalMicrosoftApis;
import dev.partnerconsent.standin.entra.ClientRegistration;
import dev.partnerconsent.standin.entra.LocalEntraId;
import dev.partnerconsent.standin.keyvault.LocalKeyVault;
import dev.partnerconsent.standin.tls.StandInTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The local Azure: Entra ID and Key Vault stand-ins with the app registration and the Key Vault principal the
 * app is configured with. Also writes the app's settings for them, so the tests and the demo configure
 * PartnerConsent from one place.
 */
public final class StandIns implements AutoCloseable {

    /** The multi-tenant app registration (what Partner Center's "Add new web app" creates). */
    public static final String APP_CLIENT_ID = "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f";
    /** As long as a real Entra client secret value (40 characters). */
    public static final String APP_CLIENT_SECRET = "local-app-secret-7QpX~r2.Vd9-kL3mN8pQ1sT";
    /** The principal PartnerConsent uses for Key Vault (the sample's ida:KeyVault* settings). */
    public static final String KV_CLIENT_ID = "0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";
    public static final String KV_CLIENT_SECRET = "local-kv-secret-Zx81.Qm4~t";
    /** Shared by every node of a test cluster. */
    public static final String COOKIE_KEY = "q2lO0x8dW3m5rJ4u7Hk9s1VbN6cE0fTzYpAaQwErTyU=";

    private final StandInTls tls;
    private final LocalEntraId entra;
    private final LocalKeyVault vault;
    /** Every reply URL registered so far: several servers (or nodes) of one run each add theirs. */
    private final Set<String> redirectUris = new LinkedHashSet<>();
    /** The public key of a certificate "uploaded" to the app registration, or null (secret only). */
    private RSAPublicKey certificateKey;
    /** Whether the app registration asks for directory roles in ID tokens ({@code wids}). */
    private boolean directoryRoleClaims;
    private final LocalMicrosoftApis apis;

    private StandIns(StandInTls tls, LocalEntraId entra, LocalKeyVault vault, LocalMicrosoftApis apis) {
        this.tls = tls;
        this.entra = entra;
        this.vault = vault;
        this.apis = apis;
    }

    public static StandIns start(Path tlsDir, int idpPort, int vaultPort) {
        StandInTls tls = StandInTls.ensure(tlsDir);
        SecretsJournal.recordAll(java.util.List.of(APP_CLIENT_SECRET, KV_CLIENT_SECRET, COOKIE_KEY));
        LocalEntraId entra = LocalEntraId.start(idpPort);
        LocalKeyVault vault = LocalKeyVault.start(tls, vaultPort);
        vault.registerClient(KV_CLIENT_ID, KV_CLIENT_SECRET);
        LocalMicrosoftApis apis = LocalMicrosoftApis.start(tls, 0, entra::publishedKeys,
                // an application consent in a customer lets the partner's tokens be redeemed there
                entra::grantDelegatedAdmin);
        return new StandIns(tls, entra, vault, apis);
    }

    public LocalEntraId entra() {
        return entra;
    }

    public LocalKeyVault vault() {
        return vault;
    }

    /** Partner Center and Graph, for the access check. */
    public LocalMicrosoftApis apis() {
        return apis;
    }

    public StandInTls tls() {
        return tls;
    }

    /**
     * Registers PartnerConsent served at {@code appBaseUrl} (no trailing slash) with the local Entra ID, its reply
     * URL included, and returns the app's settings for the stand-ins. Reply URLs accumulate: the URLs of earlier
     * calls stay registered, as an Entra app registration lists several.
     */
    public synchronized Map<String, String> registerApp(String appBaseUrl) {
        String redirectUri = appBaseUrl + "/consent/callback";
        redirectUris.add(redirectUri);
        // the operator sign-in has its own reply URL on the same app registration
        redirectUris.add(appBaseUrl + "/operator/callback");
        registerClient();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("partnerconsent.authority", entra.organizationsAuthority());
        s.put("partnerconsent.client-id", APP_CLIENT_ID);
        s.put("partnerconsent.client-secret", APP_CLIENT_SECRET);
        s.put("partnerconsent.redirect-uri", redirectUri);
        s.put("partnerconsent.cookie-key", COOKIE_KEY);
        s.put("partnerconsent.keyvault.url", vault.vaultUrl());
        s.put("partnerconsent.keyvault.tenant-id", vault.tenantId());
        s.put("partnerconsent.keyvault.client-id", KV_CLIENT_ID);
        s.put("partnerconsent.keyvault.client-secret", KV_CLIENT_SECRET);
        s.put("partnerconsent.keyvault.authority-host", vault.authorityHost());
        s.put("partnerconsent.keyvault.verify-challenge-resource", "false");
        s.put("partnerconsent.partner-center.url", apis.partnerCenterUrl());
        s.put("partnerconsent.graph.url", apis.graphUrl());
        // the local APIs are plain http on 127.0.0.1: accepted only with the explicit override (a setup warning)
        s.put("partnerconsent.apis.allow-other-hosts", "true");
        return s;
    }

    /**
     * Forgets what earlier users of these stand-ins left behind, so that what one test class writes, scripts or counts
     * never reaches the next one, whatever their order: the vault's secrets (deleted ones too), faults, request
     * counters and timings; Entra's scripted failures, token faults and request counts; the APIs' call log and refused users; the app
     * registration's reply URLs, uploaded certificate and directory role claims. What Entra issued stays known (the leak checks need it).
     */
    public synchronized void reset() {
        vault.clear();
        vault.faults().reset();
        vault.counters().reset();
        vault.recoveryTime(LocalKeyVault.DEFAULT_RECOVERY_TIME).tokenLifetime(LocalKeyVault.DEFAULT_TOKEN_LIFETIME);
        entra.clearScripts();
        entra.tokenFaults().reset();
        entra.resetRequestCounts();
        apis.reset();
        redirectUris.clear();
        certificateKey = null;
        directoryRoleClaims = false;
    }

    /** A real Key Vault client on the local vault, as the app's principal: for tests that arrange state (e.g. soft delete). */
    public com.azure.security.keyvault.secrets.SecretClient vaultClient() {
        return new com.azure.security.keyvault.secrets.SecretClientBuilder().vaultUrl(vault.vaultUrl())
                .credential(new com.azure.identity.ClientSecretCredentialBuilder().authorityHost(vault.authorityHost())
                        .tenantId(vault.tenantId()).clientId(KV_CLIENT_ID).clientSecret(KV_CLIENT_SECRET)
                        .disableInstanceDiscovery().build())
                .disableChallengeResourceVerification().buildClient();
    }

    /**
     * Adds a certificate credential to the app registration, as uploading a certificate under "Certificates &amp;
     * secrets" does: the local Entra ID then also accepts client assertions signed with its key.
     */
    public synchronized void uploadCertificate(RSAPublicKey key) {
        certificateKey = key;
        registerClient();
    }

    /**
     * Sets the app registration's {@code groupMembershipClaims} to {@code DirectoryRole} (true) or none: whether ID tokens
     * carry the user's directory roles as {@code wids}.
     */
    public synchronized void directoryRoleClaims(boolean on) {
        directoryRoleClaims = on;
        registerClient();
    }

    private void registerClient() {
        ClientRegistration app = ClientRegistration.of(APP_CLIENT_ID).withSecret(APP_CLIENT_SECRET)
                .withCertificateKey(certificateKey)
                .withRedirectUris(redirectUris.toArray(String[]::new)).named("PartnerConsent");
        entra.registerClient(directoryRoleClaims ? app.withDirectoryRoleClaims() : app);
    }

    /** Writes settings as a properties file for Payara Micro's {@code --systemProperties}. */
    public static void writeProperties(Map<String, String> settings, Path file) {
        Properties p = new Properties();
        p.putAll(settings);
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                p.store(out, "PartnerConsent settings for the local stand-ins (written by StandIns)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM options a server needs to trust the local Key Vault's certificate. */
    public List<String> trustStoreOptions() {
        return tls.trustStoreJvmOptions();
    }

    @Override
    public void close() {
        try (entra; vault; apis) {
            // closing both, Entra first
        }
    }
}
