package dev.partnerconsent.standin.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The stand-ins' self-signed TLS material, made on the spot with the JDK's {@code keytool}, so no private key is
 * ever committed.
 *
 * <p>{@link #ensure(Path)} creates, once, a sub-directory {@value #SUBDIR} holding a PKCS12 key store for servers
 * (key pair with SAN {@code dns:localhost,ip:127.0.0.1}) and a PKCS12 trust store with only that certificate, for
 * clients: {@code -Djavax.net.ssl.trustStore=… -Djavax.net.ssl.trustStorePassword=…
 * -Djavax.net.ssl.trustStoreType=PKCS12}.
 * The files are generated in a private temporary directory and published by one atomic directory rename, so two
 * processes racing (Maven's pre-generation and a test, or two test JVMs) always see a matching pair.
 */
public final class StandInTls {

    /** Password of both stores. Test-only material: it protects nothing but keeps keytool and PKCS12 happy. */
    public static final String PASSWORD = "partnerconsent-standin";
    public static final String STORE_TYPE = "PKCS12";
    public static final String SUBDIR = "tls";
    static final String KEY_STORE_FILE = "server-keystore.p12";
    static final String TRUST_STORE_FILE = "truststore.p12";
    static final String ALIAS = "standin";

    private static final Duration VALIDITY = Duration.ofDays(3650);
    /** Regenerate a little before expiry rather than fail in the middle of a run. */
    private static final Duration MIN_REMAINING_VALIDITY = Duration.ofDays(2);
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keyStorePath;
    private final Path trustStorePath;
    private final X509Certificate certificate;

    private StandInTls(Path keyStorePath, Path trustStorePath, X509Certificate certificate) {
        this.keyStorePath = keyStorePath;
        this.trustStorePath = trustStorePath;
        this.certificate = certificate;
    }

    /**
     * Returns the TLS material in {@code dir/tls}, generating it first if it is missing, unreadable or about to expire.
     * Idempotent and safe to call from several threads or processes at once.
     */
    public static StandInTls ensure(Path dir) {
        Path published = dir.toAbsolutePath().normalize().resolve(SUBDIR);
        for (int attempt = 0; attempt < 3; attempt++) {
            StandInTls existing = tryLoad(published);
            if (existing != null) {
                return existing;
            }
            if (Files.exists(published)) {
                moveAside(published);
            }
            generateAndPublish(published);
        }
        StandInTls loaded = tryLoad(published);
        if (loaded == null) {
            throw new IllegalStateException("Could not create usable stand-in TLS material in " + published);
        }
        return loaded;
    }

    /** Maven's hook ({@code exec:java} in {@code process-test-classes}): {@code <dir> [directories to create…]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StandInTls <stand-in dir> [extra directories to create, e.g. the test tmpdir]");
            System.exit(2);
        }
        // The test JVMs run with -Djava.io.tmpdir=target/tmp, which must exist before they start.
        for (int i = 1; i < args.length; i++) {
            Files.createDirectories(Path.of(args[i]));
        }
        StandInTls tls = ensure(Path.of(args[0]));
        System.out.println("Stand-in TLS ready: " + String.join(" ", tls.trustStoreJvmOptions()));
    }

    public Path keyStorePath() {
        return keyStorePath;
    }

    public Path trustStorePath() {
        return trustStorePath;
    }

    public String password() {
        return PASSWORD;
    }

    public String storeType() {
        return STORE_TYPE;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The JVM options that make a separate JVM (Payara, a forked test) trust the stand-ins by default. */
    public List<String> trustStoreJvmOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStorePath,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + STORE_TYPE);
    }

    /** For HTTPS servers: presents the stand-in certificate. */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStorePath), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the server SSLContext from " + keyStorePath, e);
        }
    }

    /** For clients that cannot rely on the JVM's default trust store: trusts the stand-in certificate only. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStorePath));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the client SSLContext from " + trustStorePath, e);
        }
    }

    private static StandInTls tryLoad(Path published) {
        Path keyStore = published.resolve(KEY_STORE_FILE);
        Path trustStore = published.resolve(TRUST_STORE_FILE);
        if (!Files.isRegularFile(keyStore) || !Files.isRegularFile(trustStore)) {
            return null;
        }
        try {
            X509Certificate served = (X509Certificate) load(keyStore).getCertificate(ALIAS);
            X509Certificate trusted = (X509Certificate) load(trustStore).getCertificate(ALIAS);
            boolean usable = served != null && served.equals(trusted)
                    && served.getNotAfter().toInstant().isAfter(Instant.now().plus(MIN_REMAINING_VALIDITY));
            return usable ? new StandInTls(keyStore, trustStore, served) : null;
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private static void generateAndPublish(Path published) {
        Path parent = published.getParent();
        Path work = parent.resolve("." + SUBDIR + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(work);
            Path keyStore = work.resolve(KEY_STORE_FILE);
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost, OU=PartnerConsent stand-ins",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth",
                    "-validity", Long.toString(VALIDITY.toDays()),
                    "-keystore", keyStore.toString(), "-storetype", STORE_TYPE,
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            writeTrustStore(keyStore, work.resolve(TRUST_STORE_FILE));
            try {
                // rename(2) of a directory is atomic and refuses a non-empty target: exactly one racer wins.
                Files.move(work, published, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException moveFailed) {
                // Linux reports the lost race as a plain FileSystemException ("Directory not empty").
                deleteRecursively(work);
                if (!Files.isDirectory(published)) {
                    throw moveFailed;
                }
            }
        } catch (IOException e) {
            deleteQuietly(work);
            throw new IllegalStateException("Cannot generate stand-in TLS material in " + parent, e);
        }
    }

    /** A trusted-certificate entry, exactly what {@code keytool -importcert} writes, without a second JVM start. */
    private static void writeTrustStore(Path keyStore, Path trustStore) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, load(keyStore).getCertificate(ALIAS));
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the trust store " + trustStore, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool failed (" + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for keytool", e);
        }
    }

    private static KeyStore load(Path path) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** Unusable material (half-written by hand, expired) is renamed away, never deleted under a reader's feet. */
    private static void moveAside(Path published) {
        try {
            Files.move(published, published.resolveSibling("." + SUBDIR + "-stale-" + UUID.randomUUID()),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyMovedByAnotherProcess) {
            // Nothing to do: whoever moved it will publish fresh material, or we will on the next attempt.
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException ignored) {
            // Best effort: a leftover hidden directory under target/ is harmless.
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
