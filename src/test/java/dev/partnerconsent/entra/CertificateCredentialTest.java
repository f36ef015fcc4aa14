package dev.partnerconsent.entra;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.standin.entra.ClientRegistration;
import dev.partnerconsent.standin.entra.DemoTenants;
import dev.partnerconsent.standin.entra.LocalEntraId;
import dev.partnerconsent.standin.entra.LoginFormClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificate credential ({@code private_key_jwt}, what Microsoft recommends over a secret): the code is redeemed
 * with a client assertion signed by a PEM or PKCS#12 key, at the local Entra ID, which verifies it against the
 * registered certificate.
 */
class CertificateCredentialTest {

    private static final String CLIENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String REDIRECT = "http://127.0.0.1:8089/consent/callback";
    private static final String P12_PASSWORD = "app-cert-password";
    private static LocalEntraId entra;
    private static Path p12;
    private static X509Certificate certificate;
    private static PrivateKey key;

    /** An RSA certificate as an operator would make it for the app registration (keytool, PKCS#12). */
    @BeforeAll
    static void start() throws Exception {
        entra = LocalEntraId.start(0);
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")).resolve("app-certificate"));
        p12 = dir.resolve("partnerconsent-app.p12");
        Files.deleteIfExists(p12);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=PartnerConsent test app", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", P12_PASSWORD, "-keypass", P12_PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, P12_PASSWORD.toCharArray());
        }
        String alias = Collections.list(store.aliases()).stream().filter(a -> {
            try {
                return store.isKeyEntry(a);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        certificate = (X509Certificate) store.getCertificate(alias);
        key = (PrivateKey) store.getKey(alias, P12_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    private static Settings settings(String certificateFile, String password) {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.authority", entra.organizationsAuthority());
        m.put("partnerconsent.client-id", CLIENT);
        m.put("partnerconsent.client-certificate", certificateFile);
        if (password != null) {
            m.put("partnerconsent.client-certificate-password", password);
        }
        m.put("partnerconsent.redirect-uri", REDIRECT);
        m.put("partnerconsent.keyvault.url", "https://partner-vault.vault.azure.net/");
        m.put("partnerconsent.allowed-tenants", "*");
        Settings s = MapConfig.settings(m);
        assertTrue(s.ready(), () -> s.problems().toString());
        return s;
    }

    private static Path pem() throws Exception {
        Path file = Files.createTempFile("partnerconsent-app", ".pem");
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    /** Signs in at the local Entra ID and redeems the code with the app's TokenRedemption. */
    private static RedeemedTokens consentWith(Settings settings, String tenant) throws Exception {
        ProviderMetadata metadata = new ProviderMetadataSource(settings).get();
        CodeVerifier verifier = new CodeVerifier();
        URI authorize = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                Scope.parse("openid profile offline_access https://api.partnercenter.microsoft.com/user_impersonation"),
                new ClientID(CLIENT), URI.create(REDIRECT))
                .endpointURI(metadata.authorizationEndpoint()).state(new State()).nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        String code = LoginFormClient.signIn(authorize, "admin@contosopartner.onmicrosoft.com", tenant, true).code();
        ProviderMetadataSource source = new ProviderMetadataSource(settings);
        return new TokenRedemption(source, new ClientCredentials(settings), new ConsentMetrics(), Clock.systemUTC())
                .redeem(new AuthorizationCode(code), verifier, URI.create(REDIRECT), settings.get().scopes(), metadata);
    }

    @Test
    void pemCertificateRedeemsTheCode() throws Exception {
        entra.registerClient(ClientRegistration.of(CLIENT).withCertificateKey((RSAPublicKey) certificate.getPublicKey())
                .withRedirectUris(REDIRECT));
        Path pem = pem();
        RedeemedTokens tokens = consentWith(settings(pem.toString(), null), DemoTenants.FABRIKAM.id());
        assertEquals(entra.lastRefreshToken(DemoTenants.FABRIKAM.id()).orElseThrow(), tokens.refreshToken().getValue());
        Files.delete(pem);
    }

    @Test
    void pkcs12CertificateRedeemsTheCode() throws Exception {
        entra.registerClient(ClientRegistration.of(CLIENT).withCertificateKey((RSAPublicKey) certificate.getPublicKey())
                .withRedirectUris(REDIRECT));
        RedeemedTokens tokens = consentWith(settings(p12.toString(), P12_PASSWORD), DemoTenants.NORTHWIND.id());
        assertEquals(entra.lastRefreshToken(DemoTenants.NORTHWIND.id()).orElseThrow(), tokens.refreshToken().getValue());
    }

    @Test
    void certificateNotRegisteredWithTheAppIsRefusedAndExplained() throws Exception {
        var other = KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        entra.registerClient(ClientRegistration.of(CLIENT).withCertificateKey((RSAPublicKey) other.generateKeyPair().getPublic())
                .withRedirectUris(REDIRECT));
        Path pem = pem();
        FailureException e = assertThrows(FailureException.class, () -> consentWith(settings(pem.toString(), null), DemoTenants.FABRIKAM.id()));
        assertEquals(502, e.failure().httpStatus());
        assertTrue(e.failure().code().startsWith("AADSTS"), e.failure().toString());
        Files.delete(pem);
    }

    @Test
    void unreadableCertificateIsExplained() throws Exception {
        Path garbage = Files.createTempFile("not-a-certificate", ".pem");
        Files.writeString(garbage, "hello");
        ClientCredentials credentials = new ClientCredentials(settings(garbage.toString(), null));
        FailureException e = assertThrows(FailureException.class, () -> credentials.forTokenEndpoint(URI.create("https://x/token")));
        assertEquals("client-certificate-unusable", e.failure().code());
        Files.delete(garbage);
    }
}
