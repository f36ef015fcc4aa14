package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.CodeFlowTest.success;
import static dev.partnerconsent.standin.entra.EntraFlows.ADMIN;
import static dev.partnerconsent.standin.entra.EntraFlows.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void startsOnTheGivenPortOfTheLoopbackAndStopsWithItsThreads() throws Exception {
        int port = freePort();
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        LocalEntraId entra = LocalEntraId.start(port);
        List<Thread> started;
        try {
            assertEquals("http://127.0.0.1:" + port, entra.baseUrl());
            assertEquals("http://127.0.0.1:" + port + "/organizations/v2.0", entra.organizationsAuthority());
            assertEquals("http://127.0.0.1:" + port + "/" + TENANT + "/v2.0", entra.authority(TENANT.toUpperCase()));
            success(new EntraFlows(entra).signInAndRedeem("organizations", ADMIN, TENANT, true));
            started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !threadsBefore.contains(t) && t.getName().contains("MockWebServer"))
                    .collect(Collectors.toList());
            assertFalse(started.isEmpty(), "the server runs threads of its own");
        } finally {
            entra.close();
        }

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        for (Thread t : started) {
            t.join(5_000);
        }
        assertTrue(started.stream().noneMatch(Thread::isAlive), "still running: " + started);
    }

    @Test
    void authorityRefusesWhatIsNeitherATenantIdNorAnAlias() {
        try (LocalEntraId entra = EntraFlows.startEntra()) {
            assertThrows(IllegalArgumentException.class, () -> entra.authority("contoso.onmicrosoft.com"));
            assertEquals(entra.baseUrl() + "/common/v2.0", entra.commonAuthority());
        }
    }

    /** Single use must hold under concurrency too: of many simultaneous redemptions, one wins. */
    @Test
    void concurrentRedemptionsOfOneCodeYieldOneTokenResponse() throws Exception {
        try (LocalEntraId entra = EntraFlows.startEntra()) {
            EntraFlows flows = new EntraFlows(entra);
            EntraFlows.Started started = flows.start("organizations");
            AuthorizationCode code = flows.signIn(started, ADMIN, TENANT, true);
            int attempts = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(attempts);
            try {
                List<Future<TokenResponse>> results = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return flows.redeem("organizations", code, started.verifier());
                    }));
                }
                go.countDown();
                int successes = 0;
                for (Future<TokenResponse> result : results) {
                    successes += result.get().indicatesSuccess() ? 1 : 0;
                }
                assertEquals(1, successes);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void unknownPathsAreNotFoundAndMockOAuth2ServersOwnEndpointsAreNotReachable() throws Exception {
        try (LocalEntraId entra = EntraFlows.startEntra()) {
            for (String path : List.of("/default/.well-known/openid-configuration", "/default/token", "/isalive",
                    "/" + TENANT + "/v2.0/userinfo")) {
                HTTPResponse response =
                        new HTTPRequest(HTTPRequest.Method.GET, URI.create(entra.baseUrl() + path)).send();
                assertEquals(404, response.getStatusCode(), path);
            }
            assertTrue(entra.issuedSecrets().isEmpty());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
