package dev.partnerconsent.it.support;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's threads and its connections to the stand-ins, read once the server is warm (after a warm-up at the
 * run's concurrency, so pools have grown), to check afterwards that a run left nothing behind.
 */
public record ServerBaseline(long threads, long vaultConnections, long entraConnections) {

    /** Pools may keep a few more idle workers than at the baseline; a leak grows with the requests, by hundreds here. */
    public static final int THREAD_SLACK = 10;

    public static ServerBaseline take() {
        return new ServerBaseline(ServerGauges.threads(), ServerGauges.serverConnectionsTo(vaultPort()),
                ServerGauges.serverConnectionsTo(entraPort()));
    }

    /**
     * Back to the baseline within a minute: at most {@link #THREAD_SLACK} more threads, and connections to each
     * stand-in bounded by the run's concurrency (idle keep-alive connections stay pooled, one per concurrent caller at
     * most, plus the vault client's token call).
     */
    public ServerBaseline assertBackWithin(int concurrency) throws InterruptedException {
        long maxConnections = concurrency + 2;
        long t = ServerGauges.awaitSettled(ServerGauges::threads, n -> n <= threads + THREAD_SLACK, Duration.ofSeconds(60));
        long kv = ServerGauges.awaitSettled(() -> ServerGauges.serverConnectionsTo(vaultPort()),
                n -> n <= vaultConnections + maxConnections, Duration.ofSeconds(30));
        long idp = ServerGauges.awaitSettled(() -> ServerGauges.serverConnectionsTo(entraPort()),
                n -> n <= entraConnections + maxConnections, Duration.ofSeconds(30));
        System.out.printf("Leak check: threads %d -> %d (band <= +%d), Key Vault connections %d -> %d, Entra connections %d -> %d"
                + " (band <= +%d)%n", threads, t, THREAD_SLACK, vaultConnections, kv, entraConnections, idp, maxConnections);
        assertTrue(t <= threads + THREAD_SLACK, "threads " + threads + " -> " + t);
        assertTrue(kv <= vaultConnections + maxConnections, "Key Vault connections " + vaultConnections + " -> " + kv);
        assertTrue(idp <= entraConnections + maxConnections, "Entra connections " + entraConnections + " -> " + idp);
        return new ServerBaseline(t, kv, idp);
    }

    public static int vaultPort() {
        return InContainer.standIns().vault().port();
    }

    public static int entraPort() {
        return java.net.URI.create(InContainer.standIns().entra().baseUrl()).getPort();
    }
}
