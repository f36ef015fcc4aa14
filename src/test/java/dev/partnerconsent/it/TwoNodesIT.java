package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.ReadyScript;
import dev.partnerconsent.it.support.RoundRobinProxy;
import dev.partnerconsent.it.support.ServerProcess;
import dev.partnerconsent.it.support.StandInsExtension;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.it.support.RoundRobinProxy.Hop;
import dev.partnerconsent.standin.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two PartnerConsent nodes, each {@code java -jar partner-consent.jar} (the uber-jar of {@code -Puberjar}) with
 * its settings in environment variables, the same cookie key on both and no shared session, behind a round-robin
 * load balancer on loopback: a sign-in started on one node completes on the other. Each node keeps its own embedded
 * database, so an operator session is good only on the node that made it. Runs with {@code -Pservers}.
 */
@Tag("servers")
@ExtendWith(StandInsExtension.class)
class TwoNodesIT {

    static final String TENANT_A_TO_B = "9c3e4a5b-6d7f-4a81-8c2d-3e4f5a6b7c8d";
    static final String TENANT_B_TO_A = "0d4f5b6c-7e8a-4b92-9d3e-4f5a6b7c8d9e";

    private static final List<ServerProcess> nodes = new ArrayList<>();
    private static RoundRobinProxy balancer;

    @BeforeAll
    static void startTwoNodesBehindABalancer() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        Path uberJar = Path.of(System.getProperty("it.uberjar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(uberJar), "no uber-jar at " + uberJar + " (run with -Pservers or -Puberjar)");
        String nodeA = "http://127.0.0.1:" + ServerProcess.port("it.node.a.port");
        String nodeB = "http://127.0.0.1:" + ServerProcess.port("it.node.b.port");
        balancer = new RoundRobinProxy(ServerProcess.port("it.lb.port"), List.of("A", "B"), List.of(nodeA, nodeB));

        // One public URL (the balancer's), so one reply URL; the same settings, cookie key included, on both nodes
        Map<String, String> settings = DeployedApp.settingsFor(standIns, balancer.url(), TENANT_A_TO_B, TENANT_B_TO_A);
        Operators.configure(standIns, settings);
        Map<String, String> env = ServerProcess.asEnvironment(settings);
        Path work = DeployedApp.target().resolve("it-nodes");
        ServerProcess.deleteTree(work);
        for (String name : List.of("a", "b")) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m"));
            command.addAll(DeployedApp.jvmOptions(standIns));
            command.addAll(List.of("-jar", uberJar.toString(),
                    "--port", Integer.toString(ServerProcess.port("it.node." + name + ".port")),
                    "--prebootcommandfile", Path.of("src/test/payara/preboot.asadmin").toAbsolutePath().toString(),
                    "--rootdir", work.resolve(name).toString()));
            nodes.add(ServerProcess.start("node " + name.toUpperCase(), command, DeployedApp.target(), env,
                    DeployedApp.target().resolve("it-node-" + name + ".log")));
        }
        for (int i = 0; i < nodes.size(); i++) {
            Duration ready = nodes.get(i).awaitOk(List.of(nodeA, nodeB).get(i) + "/health/ready", Duration.ofSeconds(240));
            System.out.println("node " + "AB".charAt(i) + " ready after " + ready.toMillis() + " ms");
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        nodes.forEach(ServerProcess::close);
        LeakCheck.assertNotIn(LeakCheck.secretsOfTheRun(StandInsExtension.standIns()),
                nodes.stream().map(ServerProcess::log).toList());
        StandInsExtension.standIns().entra().resetRequestCounts();
    }

    private static Page consentThroughTheBalancer(int startNode, String tenant) throws Exception {
        ConsentBrowser browser = new ConsentBrowser(balancer.url());
        balancer.clearHops();
        balancer.nextGoesTo(startNode);
        Page idp = browser.signIn(browser.start(null), new Login(DeployedApp.USER, tenant, true));
        assertTrue(idp.location().orElse("").startsWith(balancer.url() + "/consent/callback"),
                "the IdP sends the browser back to the public URL: " + idp.location());
        return browser.callback(idp);
    }

    @Test
    void signInStartedOnNodeACompletesOnNodeB() throws Exception {
        Page result = consentThroughTheBalancer(0, TENANT_A_TO_B);
        List<Hop> hops = balancer.hops();
        assertEquals(List.of("A /consent/start", "B /consent/callback", "A /consent/outcome"),
                hops.stream().map(h -> h.node() + " " + h.path()).toList(), hops.toString());
        DeployedApp.assertConsented(StandInsExtension.standIns(), result, TENANT_A_TO_B, nodes.get(1));
    }

    @Test
    void signInStartedOnNodeBCompletesOnNodeA() throws Exception {
        Page result = consentThroughTheBalancer(1, TENANT_B_TO_A);
        List<Hop> hops = balancer.hops();
        assertEquals(List.of("B /consent/start", "A /consent/callback", "B /consent/outcome"),
                hops.stream().map(h -> h.node() + " " + h.path()).toList(), hops.toString());
        DeployedApp.assertConsented(StandInsExtension.standIns(), result, TENANT_B_TO_A, nodes.get(0));
    }

    @Test
    void anOperatorSessionIsGoodOnlyOnNodesOfItsDatabase() throws Exception {
        // each node here keeps its own embedded database: a session is refused, with the reason, where its row is not
        balancer.clearHops();
        ConsentBrowser b = Operators.signedIn(balancer.url(), Operators.ADMIN_BY_ROLE, Operators.OPERATOR_TENANT);
        String signedInOn = balancer.hops().stream().filter(h -> h.path().startsWith("/operator/callback")).map(Hop::node)
                .findFirst().orElseThrow(() -> new AssertionError(balancer.hops().toString()));
        String own = "http://127.0.0.1:" + ServerProcess.port("it.node." + signedInOn.toLowerCase() + ".port");
        String other = "http://127.0.0.1:" + ServerProcess.port("it.node." + ("A".equals(signedInOn) ? "b" : "a") + ".port");
        HttpClient withSession = HttpClient.newBuilder().cookieHandler(b.cookies()).build();
        assertEquals(200, withSession.send(HttpRequest.newBuilder(URI.create(own + "/api/consents")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> refused = withSession.send(HttpRequest.newBuilder(URI.create(other + "/api/consents")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"error\":\"operator-session-ended\"") && refused.body().contains("no record of it"),
                refused.body());
        String token = Operators.appToken(StandInsExtension.standIns(), Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        String rows = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(other + "/api/audit?kind=operator.refused&actor="
                        + URLEncoder.encode(Operators.label(Operators.ADMIN_BY_ROLE, Operators.OPERATOR_TENANT), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(rows.contains("operator-session-ended at /api/consents"), "refused on the other node's trail: " + rows);
    }

    @Test
    void bothNodesServeTheStartPageAndListenOnLoopbackOnly() throws Exception {
        DeployedApp.assertStartPage("http://127.0.0.1:" + ServerProcess.port("it.node.a.port"), nodes.get(0));
        DeployedApp.assertStartPage("http://127.0.0.1:" + ServerProcess.port("it.node.b.port"), nodes.get(1));
        for (ServerProcess node : nodes) {
            assertEquals(List.of(), node.nonLoopbackListeners(), "listening beyond 127.0.0.1");
        }
    }

    @Test
    void theImagesHealthCheckPassesAgainstThisServer() throws Exception {
        // docker/ready.sh is the HEALTHCHECK of docker/payara-micro/Dockerfile
        assertEquals(0, ReadyScript.run(ServerProcess.port("it.node.a.port"), "/health/ready"));
    }
}
