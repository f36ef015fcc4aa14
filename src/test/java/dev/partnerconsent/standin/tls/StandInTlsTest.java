package dev.partnerconsent.standin.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInTlsTest {

    @Test
    void theTestJvmTrustsTheStandInsThroughTheDefaultTrustStore() throws Exception {
        StandInTls tls = StandInTls.ensure(Path.of(System.getProperty("standin.dir", "target/standin")));

        assertEquals(tls.trustStorePath(), Path.of(System.getProperty("javax.net.ssl.trustStore")).toAbsolutePath());
        assertEquals(StandInTls.PASSWORD, System.getProperty("javax.net.ssl.trustStorePassword"));
        assertEquals("PKCS12", System.getProperty("javax.net.ssl.trustStoreType"));
        assertEquals(200, roundTrip(tls, SSLContext.getDefault(), "127.0.0.1"));
    }

    @Test
    void ensureIsIdempotent(@TempDir Path dir) throws IOException {
        StandInTls first = StandInTls.ensure(dir);
        FileTime made = Files.getLastModifiedTime(first.keyStorePath());

        StandInTls second = StandInTls.ensure(dir);

        assertEquals(first.certificate(), second.certificate());
        assertEquals(made, Files.getLastModifiedTime(second.keyStorePath()));
        assertEquals(Set.of(dir.resolve("tls")), children(dir));
    }

    @Test
    void racingCallersAllGetTheSameMatchingPair(@TempDir Path dir) throws Exception {
        int racers = 3;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<CompletableFuture<StandInTls>> results = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return StandInTls.ensure(dir);
        })).limit(racers).toList();

        Set<X509Certificate> certificates = results.stream().map(CompletableFuture::join)
                .map(StandInTls::certificate).collect(Collectors.toSet());

        assertEquals(1, certificates.size());
        assertEquals(Set.of(dir.resolve("tls")), children(dir), "losers clean up their work directories");
        StandInTls tls = StandInTls.ensure(dir);
        assertEquals(200, roundTrip(tls, tls.clientSslContext(), "127.0.0.1"));
    }

    @Test
    void theCertificateCoversLocalhostAndTheLoopbackAddress(@TempDir Path dir) throws Exception {
        StandInTls tls = StandInTls.ensure(dir);

        Set<String> names = tls.certificate().getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(1).toString()).collect(Collectors.toSet());

        assertEquals(Set.of("localhost", "127.0.0.1"), names);
        assertEquals(200, roundTrip(tls, tls.clientSslContext(), "127.0.0.1"));
        assertEquals(200, roundTrip(tls, tls.clientSslContext(), "localhost"));
    }

    @Test
    void unusableMaterialIsReplaced(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tls"));
        Files.writeString(dir.resolve("tls").resolve("server-keystore.p12"), "not a key store");
        Files.writeString(dir.resolve("tls").resolve("truststore.p12"), "not a trust store");

        StandInTls tls = StandInTls.ensure(dir);

        assertNotEquals("not a key store", Files.readString(tls.keyStorePath(), StandardCharsets.ISO_8859_1));
        assertEquals(tls.certificate(), StandInTls.ensure(dir).certificate());
    }

    @Test
    void mainPreparesTheMaterialAndTheTestTmpdir(@TempDir Path dir) throws IOException {
        Path tmp = dir.resolve("tmp");

        StandInTls.main(new String[] {dir.resolve("standin").toString(), tmp.toString()});

        assertTrue(Files.isDirectory(tmp));
        assertTrue(Files.isRegularFile(dir.resolve("standin").resolve("tls").resolve("truststore.p12")));
    }

    /** One HTTPS request to a throwaway server presenting the stand-in certificate, checked by {@code client}. */
    private static int roundTrip(StandInTls tls, SSLContext client, String host) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(client).build();
            URI uri = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } finally {
            server.stop(0);
        }
    }

    private static Set<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".tls-stale-")).collect(Collectors.toSet());
        }
    }
}
