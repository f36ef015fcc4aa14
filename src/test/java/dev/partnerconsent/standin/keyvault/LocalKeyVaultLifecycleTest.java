package dev.partnerconsent.standin.keyvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalKeyVaultLifecycleTest {

    @Test
    void startsOnTheRequestedPortOnLoopbackAndCloseStopsEverything() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LocalKeyVault vault = LocalKeyVault.start(VaultClients.tls(), port);
        try {
            assertEquals(port, vault.port());
            assertEquals("https://127.0.0.1:" + port, vault.vaultUrl());
            assertEquals(vault.vaultUrl() + "/msi/token", vault.managedIdentityEndpoint());
            assertEquals(401, RawHttp.get(vault.vaultUrl() + "/secrets?api-version=7.6", null).statusCode());
        } finally {
            vault.close();
        }

        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        String prefix = "local-keyvault-" + port + "-";
        // a pool is terminated a moment before its last worker thread has returned: join them, then none may be left
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                join(t);
            }
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
        assertEquals(List.of(), left);
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void servesConcurrentCallers() {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (LocalKeyVault vault = LocalKeyVault.start(VaultClients.tls(), 0)) {
            vault.registerClient("app", "pw");
            SecretClient client = VaultClients.secretClient(vault, VaultClients.clientSecret(vault, "app", "pw"));
            client.setSecret("busy", "initial");

            List<CompletableFuture<Void>> calls = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> {
                        client.setSecret("busy", "v" + i);
                        client.getSecret("busy");
                    }, callers))
                    .toList();
            calls.forEach(CompletableFuture::join);

            assertEquals(25, vault.secret("busy").orElseThrow().versions().size());
            assertEquals(25, vault.counters().count(Operation.SET, 200));
            assertEquals(24, vault.counters().count(Operation.GET, 200));
            assertTrue(vault.secret("busy").orElseThrow().versions().stream().map(SecretVersion::version)
                    .distinct().count() == 25, "version ids are unique");
        } finally {
            callers.shutdownNow();
        }
    }
}
