package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * How this app proves itself at the token endpoint: {@code client_secret_post}, or a certificate
 * ({@code private_key_jwt}, the credential Microsoft recommends), loaded once from PEM or PKCS#12.
 */
@ApplicationScoped
public class ClientCredentials {

    private final Settings settings;
    private volatile CertificateKey certificate;

    @Inject
    public ClientCredentials(Settings settings) {
        this.settings = settings;
    }

    protected ClientCredentials() {
        this.settings = null;
    }

    /** A fresh client authentication for one request (assertions are single-use). */
    public ClientAuthentication forTokenEndpoint(URI tokenEndpoint) throws FailureException {
        ConsentSettings s = settings.get();
        ClientID clientId = new ClientID(s.clientId().orElseThrow());
        if (s.clientCertificate().isPresent()) {
            return assertion(clientId, tokenEndpoint, certificate(s));
        }
        return new ClientSecretPost(clientId, s.clientSecret().orElseThrow());
    }

    private static ClientAuthentication assertion(ClientID clientId, URI tokenEndpoint, CertificateKey cert)
            throws FailureException {
        try {
            JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(clientId, new Audience(tokenEndpoint));
            // Entra ID finds the certificate by its thumbprint: x5t (SHA-1) and x5t#S256 both sent
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .x509CertThumbprint(cert.sha1Thumbprint())
                    .x509CertSHA256Thumbprint(cert.sha256Thumbprint())
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims.toJWTClaimsSet());
            jwt.sign(new RSASSASigner(cert.privateKey()));
            return new PrivateKeyJWT(jwt);
        } catch (JOSEException e) {
            throw new FailureException(FailureCode.CLIENT_CERTIFICATE_UNUSABLE,
                    "The client certificate's key could not sign the client assertion (it must be an RSA key).");
        }
    }

    private CertificateKey certificate(ConsentSettings s) throws FailureException {
        CertificateKey current = certificate;
        if (current == null) {
            current = load(s.clientCertificate().get(), s.clientCertificatePassword()
                    .map(p -> p.getValue().toCharArray()).orElse(new char[0]));
            certificate = current;
        }
        return current;
    }

    static CertificateKey load(Path file, char[] password) throws FailureException {
        try {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        return CertificateKey.of((X509Certificate) store.getCertificate(alias),
                                (PrivateKey) store.getKey(alias, password));
                    }
                }
                throw new FailureException(FailureCode.CLIENT_CERTIFICATE_UNUSABLE, file + " holds no private key entry.");
            }
            return fromPem(file, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new FailureException(FailureCode.CLIENT_CERTIFICATE_UNUSABLE,
                    "The client certificate " + file + " could not be read: " + e.getClass().getSimpleName()
                            + " (wrong path, wrong password or not PEM/PKCS#12).");
        }
    }

    /**
     * Reads a PEM file with the JDK alone (Nimbus' PEM parser needs BouncyCastle, which servers do not ship): the first
     * CERTIFICATE block and an unencrypted PKCS#8 PRIVATE KEY block, as {@code openssl} writes them.
     */
    private static CertificateKey fromPem(Path file, String pem) throws FailureException, GeneralSecurityException {
        byte[] certificateDer = pemBlock(pem, "CERTIFICATE");
        byte[] keyDer = pemBlock(pem, "PRIVATE KEY");
        if (certificateDer == null || keyDer == null) {
            String hint = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")
                    ? " Its key is PKCS#1 or encrypted: convert it with 'openssl pkcs8 -topk8 -nocrypt', or use a PKCS#12 file."
                    : "";
            throw new FailureException(FailureCode.CLIENT_CERTIFICATE_UNUSABLE, file
                    + " must hold both the certificate and its private key (PEM: CERTIFICATE and PRIVATE KEY blocks)." + hint);
        }
        X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificateDer));
        PrivateKey key = java.security.KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(keyDer));
        return CertificateKey.of(cert, key);
    }

    private static byte[] pemBlock(String pem, String type) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----")
                .matcher(pem);
        return m.find() ? java.util.Base64.getMimeDecoder().decode(m.group(1)) : null;
    }

    /** A certificate and its key; {@code toString} never shows the key. */
    record CertificateKey(X509Certificate certificate, PrivateKey privateKey, Base64URL sha1Thumbprint,
                          Base64URL sha256Thumbprint) {

        static CertificateKey of(X509Certificate cert, PrivateKey key) throws GeneralSecurityException {
            byte[] der = cert.getEncoded();
            return new CertificateKey(cert, key,
                    Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der)),
                    Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)));
        }

        @Override
        public String toString() {
            return "CertificateKey[" + certificate.getSubjectX500Principal() + "]";
        }
    }
}
