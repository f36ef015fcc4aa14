package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.PrivatePostgres;
import dev.partnerconsent.it.support.SeededConsents;
import dev.partnerconsent.it.support.ServerProcess;
import dev.partnerconsent.it.support.StandInsExtension;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.keyvault.SecretVersion;
import dev.partnerconsent.standin.keyvault.StoredSecret;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two uber-jar nodes on one real PostgreSQL 15 (a private cluster under {@code target/}, Debian's server binaries):
 * the PostgreSQL driver given to Payara Micro with {@code --addlibs}, the datasource defined by post-boot asadmin
 * commands and named by {@code partnerconsent.datasource}. Keep-alive asked for on both nodes runs once; a node killed
 * in the middle of a run is taken over by the other, which finishes the run without refreshing any tenant twice; 50
 * concurrent token requests over both nodes leave one enabled version holding Entra's last token; the audit chain
 * verifies, and names a row altered in SQL. Runs with {@code -Pservers}.
 */
@Tag("servers")
@ExtendWith(StandInsExtension.class)
class PostgresClusterIT {

    private static final Duration RUN_LIMIT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static PrivatePostgres postgres;
    private static final Map<String, ServerProcess> nodes = new HashMap<>();
    private static final List<ServerProcess> stopped = new ArrayList<>();
    private static Map<String, String> settings;
    private static Map<String, String> env;
    private static String token;

    @BeforeAll
    static void startPostgresAndTwoNodes() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        Path uberJar = Path.of(System.getProperty("it.uberjar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(uberJar), "no uber-jar at " + uberJar + " (run with -Pservers or -Puberjar)");
        postgres = PrivatePostgres.start(DeployedApp.target().resolve("it-postgres"), ServerProcess.port("it.pg.port"));

        settings = DeployedApp.settingsFor(standIns, url("a"));
        Operators.configure(standIns, settings);
        settings.put("partnerconsent.datasource", "jdbc/partnerconsent");
        // a run over some dozens of tenants lasts seconds; a dead holder's lease runs out within seconds
        settings.put("partnerconsent.keyvault.ops-per-second", "20");
        settings.put("partnerconsent.keepalive.concurrency", "2");
        settings.put("partnerconsent.keepalive.lease", "PT6S");
        env = ServerProcess.asEnvironment(settings);
        Files.createDirectories(work());
        Files.write(work().resolve("datasource.asadmin"), postgres.payaraCommands());
        for (String name : List.of("a", "b")) {
            start(name);
        }
        for (String name : List.of("a", "b")) {
            awaitReady(name);
        }
        token = Operators.appToken(standIns, Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
    }

    private static Path work() {
        return DeployedApp.target().resolve("it-pg-nodes");
    }

    private static String url(String node) {
        return "http://127.0.0.1:" + ServerProcess.port("it.node." + node + ".port");
    }

    private static void start(String name) throws Exception {
        start(name, env);
    }

    /** Starts (or restarts: the running one is stopped first, freeing its port) node {@code name} with these settings. */
    private static void start(String name, Map<String, String> environment) throws Exception {
        if (nodes.containsKey(name)) {
            nodes.get(name).close();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m"));
        command.addAll(DeployedApp.jvmOptions(StandInsExtension.standIns()));
        command.addAll(List.of("-jar", Path.of(System.getProperty("it.uberjar")).toAbsolutePath().toString(),
                "--port", Integer.toString(ServerProcess.port("it.node." + name + ".port")),
                "--addlibs", PrivatePostgres.driverJar().toString(),
                "--prebootcommandfile", Path.of("src/test/payara/preboot.asadmin").toAbsolutePath().toString(),
                "--postbootcommandfile", work().resolve("datasource.asadmin").toString(),
                "--rootdir", work().resolve(name).toString()));
        ServerProcess.deleteTree(work().resolve(name));
        ServerProcess old = nodes.put(name, ServerProcess.start("node " + name.toUpperCase(), command, DeployedApp.target(),
                environment, DeployedApp.target().resolve("it-pg-node-" + name + "-" + (stopped.size() + nodes.size()) + ".log")));
        if (old != null) {
            stopped.add(old);
        }
    }

    private static void awaitReady(String name) {
        nodes.get(name).awaitOk(url(name) + "/health/ready", Duration.ofSeconds(240));
    }

    @AfterAll
    static void stopNodesAndPostgres() throws Exception {
        nodes.values().forEach(ServerProcess::close);
        if (postgres != null) {
            postgres.close();
        }
        List<Path> logs = new ArrayList<>();
        nodes.values().forEach(n -> logs.add(n.log()));
        stopped.forEach(n -> logs.add(n.log()));
        LeakCheck.assertNotIn(LeakCheck.secretsOfTheRun(StandInsExtension.standIns()), logs);
    }

    // ---------------------------------------------------------------- one keep-alive per cluster

    @Test
    void keepAliveAskedForOnBothNodesRunsOnce() throws Exception {
        List<String> tenants = SeededConsents.seed(12);
        String runId = startARunOnNodeA();
        Answer onB = post("b", "/api/consents/refresh", Map.of());
        assertEquals(409, onB.status(), "node b started a second run: " + onB.body());
        assertEquals("keepalive-busy", onB.json().getString("error"));

        JsonObject run = awaitEnd("b", runId);
        assertFalse(present(run, "abortedBecause"), run.toString());
        for (String tenant : tenants) {
            assertEquals(2, secret(tenant).versions().size(), "rotated exactly once: " + tenant);
        }
        assertEquals(run.getInt("consents"), get("a", "/api/runs/" + runId + "/outcomes").json().getInt("total"));
    }

    @Test
    void whenTheLeaseHolderDiesTheOtherNodeFinishesItsRunAndNoTenantIsRotatedTwice() throws Exception {
        List<String> tenants = SeededConsents.seed(40);
        String runId = startARunOnNodeA();
        await(() -> get("b", "/api/runs/" + runId + "/outcomes?size=1").json().getInt("total") >= 6,
                "node a took on tenants");
        try {
            nodes.get("a").kill();
            JsonObject run = awaitEnd("b", runId);
            assertFalse(present(run, "abortedBecause"), run.toString());

            Map<String, String> outcomes = new HashMap<>();
            JsonObject page = get("b", "/api/runs/" + runId + "/outcomes?size=500").json();
            page.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                    .forEach(o -> outcomes.put(o.getString("tenantId"), o.getString("code")));
            assertEquals(page.getInt("total"), outcomes.size(), "one outcome per tenant");
            for (String tenant : tenants) {
                int versions = secret(tenant).versions().size();
                assertTrue(versions <= 2, tenant + " was rotated " + (versions - 1) + " times in one run");
                assertTrue(outcomes.containsKey(tenant), "every tenant was taken on: " + tenant);
                if ("ok".equals(outcomes.get(tenant))) {
                    assertEquals(2, versions, tenant);
                }
            }
            long leftRunning = outcomes.values().stream().filter("running"::equals).count();
            assertTrue(leftRunning <= 2, "only the dead node's tenants in hand stay unfinished: " + leftRunning);
            assertTrue(outcomes.values().stream().filter("ok"::equals).count() >= tenants.size() - 2, outcomes.toString());
        } finally {
            start("a");
            awaitReady("a");
        }
    }

    // ---------------------------------------------------------------- rotations across nodes

    @Test
    void fiftyConcurrentTokenRequestsOverBothNodesLeaveOneEnabledVersionHoldingTheLastToken() throws Exception {
        String tenant = SeededConsents.seed(1).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String node = i % 2 == 0 ? "a" : "b";
                answers.add(pool.submit(() -> post(node, "/api/consents/" + tenant + "/access-token",
                        Map.of("scope", "https://api.partnercenter.microsoft.com/.default"))));
            }
            for (Future<Answer> a : answers) {
                Answer answer = a.get();
                assertEquals(200, answer.status(), "token use answered " + answer.status() + " " + errorOf(answer));
            }
        } finally {
            pool.shutdownNow();
        }
        StoredSecret secret = secret(tenant);
        List<SecretVersion> enabled = secret.versions().stream().filter(SecretVersion::enabled).toList();
        assertEquals(1, enabled.size(), "enabled versions: " + enabled.size() + " of " + secret.versions().size());
        assertEquals(secret.latest().version(), enabled.get(0).version(), "the enabled one is the latest");
        assertEquals(StandInsExtension.standIns().entra().lastRefreshToken(tenant).orElseThrow(), secret.latest().value(),
                "the latest version holds Entra's last issued refresh token");
        assertEquals(51, secret.versions().size(), "one version per rotation after the consent's");
        assertEquals(50, get("b", "/api/audit?tenant=" + tenant + "&kind=access.token-issued&size=1").json().getInt("total"));
    }

    // ---------------------------------------------------------------- audit chain

    @Test
    void theAuditChainVerifiesAndARowAlteredInSqlIsNamed() throws Exception {
        String tenant = SeededConsents.seed(1).get(0);
        for (String node : List.of("a", "b", "a")) {
            assertEquals(200, post(node, "/api/consents/" + tenant + "/check", Map.of()).status());
        }
        JsonObject intact = get("a", "/api/audit/verify").json();
        assertTrue(intact.getBoolean("intact"), intact.toString());

        long seq;
        String detail;
        try (Connection c = postgres.connect();
             PreparedStatement q = c.prepareStatement("SELECT seq, detail FROM audit_event WHERE tenant_id = ? ORDER BY seq"
                     + " LIMIT 1 OFFSET 1")) {
            q.setString(1, tenant);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                seq = rs.getLong(1);
                detail = rs.getString(2);
            }
            update(c, seq, detail + " (edited)");
            JsonObject broken = get("b", "/api/audit/verify").json();
            assertFalse(broken.getBoolean("intact"), broken.toString());
            assertEquals(seq, broken.getJsonNumber("firstBrokenRow").longValue(), broken.toString());
            assertTrue(broken.getString("reason").contains("Row " + seq), broken.toString());

            update(c, seq, detail);
            assertTrue(get("a", "/api/audit/verify").json().getBoolean("intact"), "the original content verifies again");
        }
    }

    private static void update(Connection c, long seq, String detail) throws Exception {
        try (PreparedStatement u = c.prepareStatement("UPDATE audit_event SET detail = ? WHERE seq = ?")) {
            u.setString(1, detail);
            u.setLong(2, seq);
            assertEquals(1, u.executeUpdate());
        }
    }

    // ---------------------------------------------------------------- operator sessions across nodes

    @Test
    void aSessionEndedOnOneNodeIsRefusedOnTheOtherAtOnce() throws Exception {
        String user = "two.nodes@contosopartner.onmicrosoft.com";
        StandInsExtension.standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, user, "PartnerConsent.Reader");
        ConsentBrowser browser = signedIn(user);
        ConsentBrowser stolen = Operators.copyOf(browser, url("a"));
        assertEquals(200, withSession(browser, "a", "/api/consents").status());
        assertEquals(200, withSession(stolen, "b", "/api/consents").status(), "one session, good on both nodes");

        // signed out on node b: the copy is refused on node a at its next request
        ConsentBrowser.Page out = browser.post(url("b") + "/operator/signout", Map.of("csrf", csrf(browser, "b")));
        assertTrue(out.status() == 302 || out.status() == 303, out.status() + " " + out.body());
        Answer refused = withSession(stolen, "a", "/api/consents");
        assertEquals(401, refused.status(), refused.body());
        assertEquals("operator-session-ended", refused.json().getString("error"));
        assertTrue(refused.json().getString("detail").contains("(signed out)"), refused.body());
        String actor = enc(Operators.label(user, Operators.OPERATOR_TENANT));
        assertEquals(1, get("a", "/api/audit?kind=operator.signed-out&actor=" + actor).json().getInt("total"));
        assertTrue(get("b", "/api/audit?kind=operator.refused&actor=" + actor).body()
                .contains("operator-session-ended at /api/consents"), "the refusal on node a is on the trail");

        // revoked through node b: both of a person's sessions end on node a
        String other = "revoked.everywhere@contosopartner.onmicrosoft.com";
        StandInsExtension.standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, other, "PartnerConsent.Operator");
        ConsentBrowser one = signedIn(other);
        ConsentBrowser two = signedIn(other);
        assertEquals(200, withSession(one, "a", "/api/consents").status());
        String key = Operators.sessionKey(other, Operators.OPERATOR_TENANT);
        Answer revoked = post("b", "/api/sessions/revoke", Map.of("operator", key));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(2, revoked.json().getInt("revoked"), revoked.body());
        for (ConsentBrowser b : List.of(one, two)) {
            Answer a = withSession(b, "a", "/api/consents");
            assertEquals(401, a.status(), a.body());
            assertTrue(a.json().getString("detail").contains("revoked by an operator"), a.body());
        }
        JsonObject row = get("a", "/api/audit?kind=session.revoked&size=20").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).filter(r -> key.equals(r.getString("subject", ""))).findFirst()
                .orElseThrow(() -> new AssertionError("no session.revoked row about " + key));
        assertTrue(row.getString("actor").startsWith("app " + Operators.AUTOMATION_CLIENT_ID), row.toString());
        assertEquals("revoked 2 session(s) of " + key, row.getString("detail"));
    }

    @Test
    void sessionsEndOnUseWhenIdleOrPastTheirCap() throws Exception {
        // the nodes' clock is the real one: time is moved by ageing the sessions' rows, as a session left alone would age
        String idle = "idle.operator@contosopartner.onmicrosoft.com";
        String busy = "busy.operator@contosopartner.onmicrosoft.com";
        for (String user : List.of(idle, busy)) {
            StandInsExtension.standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, user, "PartnerConsent.Reader");
        }
        ConsentBrowser idleBrowser = signedIn(idle);
        ConsentBrowser busyBrowser = signedIn(busy);
        String idleKey = Operators.sessionKey(idle, Operators.OPERATOR_TENANT);
        String busyKey = Operators.sessionKey(busy, Operators.OPERATOR_TENANT);
        long now = System.currentTimeMillis();
        try (Connection c = postgres.connect()) {
            // just within the idle timeout: still good, and the use is recorded
            assertEquals(1, age(c, "last_used_ms", idleKey, now - Duration.ofMinutes(29).toMillis()));
            assertEquals(200, withSession(idleBrowser, "b", "/api/consents").status());
            assertTrue(lastUsed(c, idleKey) >= now, "the use was recorded");

            assertEquals(1, age(c, "last_used_ms", idleKey, now - Duration.ofMinutes(31).toMillis()));
            Answer idleAnswer = withSession(idleBrowser, "b", "/api/consents");
            assertEquals(401, idleAnswer.status(), idleAnswer.body());
            assertEquals("operator-session-ended", idleAnswer.json().getString("error"));
            assertTrue(idleAnswer.json().getString("detail").contains("longer ago than partnerconsent.operator.session-idle (PT30M)"),
                    idleAnswer.body());

            // used all along, but signed in longer ago than the cap
            assertEquals(1, age(c, "created_ms", busyKey, now - Duration.ofHours(8).plusMinutes(1).toMillis()));
            Answer capped = withSession(busyBrowser, "a", "/api/consents");
            assertEquals(401, capped.status(), capped.body());
            assertTrue(capped.json().getString("detail").contains("partnerconsent.operator.session (PT8H)"), capped.body());
        }
        JsonObject idleRows = get("a", "/api/audit?kind=session.expired&actor=" + enc(Operators.label(idle, Operators.OPERATOR_TENANT))).json();
        assertEquals(1, idleRows.getInt("total"), idleRows.toString());
        assertTrue(idleRows.getJsonArray("items").getJsonObject(0).getString("detail").startsWith("session ended on use: it was last used at"),
                idleRows.toString());
        JsonObject capRows = get("b", "/api/audit?kind=session.expired&actor=" + enc(Operators.label(busy, Operators.OPERATOR_TENANT))).json();
        assertEquals(1, capRows.getInt("total"), capRows.toString());
        assertTrue(capRows.getJsonArray("items").getJsonObject(0).getString("detail").contains("(PT8H)"), capRows.toString());
        assertTrue(get("a", "/api/audit?kind=operator.refused&actor=" + enc(Operators.label(idle, Operators.OPERATOR_TENANT))).body()
                .contains("operator-session-ended at /api/consents"));
    }

    @Test
    void removingAPersonFromTheSettingsEndsTheirSessionAndARotatedKeyRingStillOpensOlderCookies() throws Exception {
        String tenant = SeededConsents.seed(1).get(0);
        String rotation = "rotation.operator@contosopartner.onmicrosoft.com";
        StandInsExtension.standIns().entra().assignAppRole(Operators.OPERATOR_TENANT, rotation, "PartnerConsent.Operator");
        ConsentBrowser listed = Operators.signedIn(url("a"), Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT);
        ConsentBrowser byRole = signedIn(rotation);
        String csrf = csrf(byRole, "a");
        assertEquals(200, withSession(listed, "b", "/api/consents").status());

        // node b restarts with the person taken off partnerconsent.admins, and a new cookie key put first in the ring
        byte[] newKey = new byte[32];
        new java.security.SecureRandom().nextBytes(newKey);
        String newKeyText = java.util.Base64.getEncoder().encodeToString(newKey);
        dev.partnerconsent.standin.SecretsJournal.recordAll(List.of(newKeyText));
        Map<String, String> changed = new java.util.LinkedHashMap<>(settings);
        changed.put("partnerconsent.admins", Operators.ADMIN_BY_NAME);
        changed.remove("partnerconsent.cookie-key");
        changed.put("partnerconsent.cookie-keys", "2026-12:" + newKeyText + ",default:" + settings.get("partnerconsent.cookie-key"));
        try {
            start("b", ServerProcess.asEnvironment(changed));
            awaitReady("b");

            // a cookie sealed with the older key still opens: the operator acts on node b, under their name
            Answer checked = withSession(byRole, "b", "POST", "/api/consents/" + tenant + "/check", csrf);
            assertEquals(200, checked.status(), checked.body());
            JsonObject checks = get("a", "/api/audit?tenant=" + tenant + "&kind=access.checked&actor="
                    + enc(Operators.label(rotation, Operators.OPERATOR_TENANT))).json();
            assertEquals(1, checks.getInt("total"), checks.toString());

            // the person no longer listed: refused on node b, and so ended on node a too (which still lists them)
            Answer removed = withSession(listed, "b", "/api/consents");
            assertEquals(401, removed.status(), removed.body());
            assertEquals("operator-session-ended", removed.json().getString("error"));
            assertTrue(removed.json().getString("detail").contains("the settings no longer grant the role it was signed in "
                    + "with (TOKEN_ISSUER through admins)"), removed.body());
            Answer onA = withSession(listed, "a", "/api/consents");
            assertEquals(401, onA.status(), onA.body());
            JsonObject row = get("a", "/api/audit?kind=session.revoked&actor="
                    + enc(Operators.label(Operators.ADMIN_BY_NAME, Operators.ADMIN_TENANT))).json();
            assertEquals(1, row.getInt("total"), row.toString());
            assertTrue(row.getJsonArray("items").getJsonObject(0).getString("detail")
                    .startsWith("session ended on use: the settings no longer grant"), row.toString());
        } finally {
            start("b");
            awaitReady("b");
        }
    }

    /** A browser signed in through the operator sign-in (which completes on node a, the redirect URI's node). */
    private static ConsentBrowser signedIn(String user) throws Exception {
        return Operators.signedIn(url("a"), user, Operators.OPERATOR_TENANT);
    }

    private static String csrf(ConsentBrowser b, String node) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(b.get(url(node) + "/admin/consents.xhtml").body());
        assertTrue(m.find(), "no csrf field on the page");
        return m.group(1);
    }

    private static Answer withSession(ConsentBrowser b, String node, String path) throws Exception {
        return withSession(b, node, "GET", path, null);
    }

    /** A request with the browser's cookies (its session) to one node; a POST carries the session's csrf token. */
    private static Answer withSession(ConsentBrowser b, String node, String method, String path, String csrf) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(b.cookies()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(node) + path)).timeout(Duration.ofSeconds(120));
        if ("GET".equals(method)) {
            r.GET();
        } else {
            r.header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Sets a time column of the person's live session rows; how many rows. */
    private static int age(Connection c, String column, String operatorKey, long millis) throws Exception {
        try (PreparedStatement u = c.prepareStatement("UPDATE operator_session SET " + column + " = ? "
                + "WHERE operator_key = ? AND revoked_ms IS NULL")) {
            u.setLong(1, millis);
            u.setString(2, operatorKey);
            return u.executeUpdate();
        }
    }

    private static long lastUsed(Connection c, String operatorKey) throws Exception {
        try (PreparedStatement q = c.prepareStatement("SELECT last_used_ms FROM operator_session WHERE operator_key = ?")) {
            q.setString(1, operatorKey);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Once no run goes on anywhere, starts one over every consent on node A; its id. */
    private static String startARunOnNodeA() throws Exception {
        awaitNoRunGoing();
        Answer started = post("a", "/api/consents/refresh", Map.of());
        assertEquals(202, started.status(), started.body());
        return started.json().getString("id");
    }

    private static StoredSecret secret(String tenant) {
        return StandInsExtension.standIns().vault().secret(tenant).orElseThrow();
    }

    private static String errorOf(Answer a) {
        return a.body().startsWith("{") && a.json().containsKey("error") ? a.json().getString("error") : "";
    }

    record Answer(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private static Answer get(String node, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(node) + path)).GET());
    }

    private static Answer post(String node, String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(url(node) + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** The run as the history has it once it ended (on whichever node). */
    private static JsonObject awaitEnd(String node, String runId) throws Exception {
        JsonObject[] run = new JsonObject[1];
        await(() -> {
            JsonObject page = get(node, "/api/runs/" + runId + "/outcomes?size=1").json();
            run[0] = page.getJsonObject("run");
            return present(run[0], "endedAt");
        }, "run " + runId + " ended");
        return run[0];
    }

    private static void awaitNoRunGoing() throws Exception {
        await(() -> get("b", "/api/runs?size=20").json().getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .allMatch(r -> present(r, "endedAt")), "no run going");
    }

    /** JSON-B leaves null fields out. */
    private static boolean present(JsonObject o, String name) {
        return o.containsKey(name) && !o.isNull(name);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + RUN_LIMIT + ": " + what);
            }
            Thread.sleep(250);
        }
    }
}
