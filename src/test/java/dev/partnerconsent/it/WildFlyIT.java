package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.Operators;
import dev.partnerconsent.it.support.ReadyScript;
import dev.partnerconsent.it.support.ServerProcess;
import dev.partnerconsent.it.support.StandInsExtension;
import dev.partnerconsent.standin.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged WAR, unchanged, on WildFly 39 ({@code standalone-microprofile.xml}), deployed the way an operator
 * (and the WildFly image) does it: copied to {@code deployments/ROOT.war} before the start; settings from
 * environment variables, the app authenticating with a certificate (PKCS#12), not a secret. Runs with
 * {@code -Pservers}, which unpacks WildFly under {@code target/wildfly}.
 */
@Tag("servers")
@ExtendWith(StandInsExtension.class)
class WildFlyIT {

    /** A partner tenant only this test signs in with. */
    static final String TENANT = "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
    static final String CERTIFICATE_PASSWORD = "wildfly-it-p12-Kq7v.2Lm9";

    private static ServerProcess wildfly;
    private static String baseUrl;
    private static String managementUrl;

    @BeforeAll
    static void startWildFly() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        Path home = Path.of(System.getProperty("it.wildfly.home")).toAbsolutePath();
        assertTrue(Files.isRegularFile(home.resolve("bin/standalone.sh")), "WildFly is not unpacked at " + home + " (run with -Pservers)");
        int port = ServerProcess.port("it.wildfly.port");
        int mgmtPort = ServerProcess.port("it.wildfly.mgmt.port");
        baseUrl = "http://127.0.0.1:" + port;
        managementUrl = "http://127.0.0.1:" + mgmtPort;

        // A fresh server base directory per run: the distribution stays untouched
        Path base = DeployedApp.target().resolve("it-wildfly/standalone");
        ServerProcess.deleteTree(base.getParent());
        ServerProcess.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("it.war")), base.resolve("deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);

        // standalone-microprofile.xml lacks Jakarta Faces: the same CLI file the WildFly image runs adds it
        Path cli = Path.of("docker/wildfly/partner-consent.cli").toAbsolutePath();
        Map<String, String> cliEnv = Map.of("JBOSS_HOME", home.toString(), "JAVA_OPTS",
                "-XX:-UsePerfData -Djboss.server.base.dir=" + base + " -Djava.io.tmpdir=" + DeployedApp.tmpDir());
        ServerProcess.runToEnd("jboss-cli", List.of("sh", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + cli),
                home, cliEnv, DeployedApp.target().resolve("it-wildfly-cli.log"), Duration.ofMinutes(2));

        // A certificate rather than a secret (what the production guide recommends): a PKCS#12 made with keytool,
        // its public key "uploaded" to the app registration; the client secret is not given to this server
        Path p12 = base.getParent().resolve("partnerconsent.p12");
        ServerProcess.runToEnd("keytool", List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "partnerconsent", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                        "-dname", "CN=PartnerConsent", "-storetype", "PKCS12", "-keystore", p12.toString(),
                        "-storepass", CERTIFICATE_PASSWORD, "-J-XX:-UsePerfData", "-J-Djava.io.tmpdir=" + DeployedApp.tmpDir()),
                base.getParent(), Map.of(), base.getParent().resolve("keytool.log"), Duration.ofMinutes(1));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, CERTIFICATE_PASSWORD.toCharArray());
        }
        standIns.uploadCertificate((RSAPublicKey) store.getCertificate("partnerconsent").getPublicKey());
        Map<String, String> settings = DeployedApp.settingsFor(standIns, baseUrl, TENANT);
        Operators.configure(standIns, settings);
        settings.remove("partnerconsent.client-secret");
        settings.put("partnerconsent.client-certificate", p12.toString());
        settings.put("partnerconsent.client-certificate-password", CERTIFICATE_PASSWORD);
        Map<String, String> env = ServerProcess.asEnvironment(settings);
        List<String> javaOpts = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-Djava.net.preferIPv4Stack=true",
                "-Djava.awt.headless=true"));
        javaOpts.addAll(DeployedApp.jvmOptions(standIns));
        env.put("JAVA_OPTS", String.join(" ", javaOpts));
        env.put("JBOSS_HOME", home.toString());

        wildfly = ServerProcess.start("WildFly", List.of("sh", home.resolve("bin/standalone.sh").toString(),
                        "-c", "standalone-microprofile.xml",
                        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                        "-Djboss.server.base.dir=" + base,
                        "-Djboss.http.port=" + port,
                        "-Djboss.https.port=" + ServerProcess.port("it.wildfly.https.port"),
                        "-Djboss.management.http.port=" + mgmtPort,
                        "-Djboss.management.https.port=" + ServerProcess.port("it.wildfly.mgmt.https.port")),
                home, env, DeployedApp.target().resolve("it-wildfly.log"));
        // readiness is UP once ROOT.war is deployed and the app's own settings check passes
        Duration ready = wildfly.awaitOk(managementUrl + "/health/ready", Duration.ofSeconds(180),
                body -> body.contains("\"FAILED\""));
        System.out.println("WildFly ready (app deployed, readiness UP) after " + ready.toMillis() + " ms");
    }

    @AfterAll
    static void stopWildFly() throws Exception {
        if (wildfly != null) {
            wildfly.close();
            var secrets = new java.util.ArrayList<>(LeakCheck.secretsOfTheRun(StandInsExtension.standIns()));
            secrets.add(CERTIFICATE_PASSWORD);
            LeakCheck.assertNotIn(secrets,
                    List.of(wildfly.log(), DeployedApp.target().resolve("it-wildfly/standalone/log/server.log")));
        }
        // request counts are per test class: leave them as the other classes expect to find them
        StandInsExtension.standIns().entra().resetRequestCounts();
    }

    @Test
    void startPageOffersConsent() throws Exception {
        DeployedApp.assertStartPage(baseUrl, wildfly);
    }

    @Test
    void readinessOnTheManagementPortIncludesTheSettingsCheck() throws Exception {
        HttpResponse<String> ready = DeployedApp.get(managementUrl + "/health/ready");
        DeployedApp.assertReady(ready);
        assertEquals(200, DeployedApp.get(managementUrl + "/health/live").statusCode());
    }

    @Test
    void fullConsentWithACertificateIsStoredInKeyVault() throws Exception {
        // this server has no client secret: the code is redeemed with a client assertion signed by the PKCS#12 key
        StandIns standIns = StandInsExtension.standIns();
        DeployedApp.assertFullConsent(standIns, new ConsentBrowser(baseUrl), TENANT, wildfly);
        DeployedApp.assertFullConsent(standIns, new ConsentBrowser(baseUrl), TENANT, wildfly);
        assertEquals(2, standIns.vault().secret(TENANT).orElseThrow().versions().size(), "a re-consent is a new version");
    }

    @Test
    void operatorApiIsProtectedByJakartaSecurityOnWildFly() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, Integer> get = token -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/api/consents"));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(401, get.apply(null), "anonymous");
        assertEquals(401, get.apply(Operators.appToken(standIns, Operators.UNPRIVILEGED_CLIENT_ID, Operators.UNPRIVILEGED_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope())), "a token without a PartnerConsent role carries no roles");
        // a reader may list, not act: the route's role is checked on WildFly's Jakarta Security as on Payara
        String reader = Operators.appToken(standIns, Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        assertEquals(200, get.apply(reader), "a reader's token lists");
        HttpResponse<String> readerPost = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl + "/api/consents/refresh"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + reader).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, readerPost.statusCode(), readerPost.body());
        assertTrue(readerPost.body().contains("needs PartnerConsent.Operator"), readerPost.body());
        String operator = Operators.appToken(standIns, Operators.AUTOMATION_CLIENT_ID, Operators.AUTOMATION_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        assertEquals(200, get.apply(operator), "an operator's token");

        // a failure thrown by a resource reaches RESTEasy's ExceptionMapper, which answers the catalogue's JSON (JSON-B)
        HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl + "/api/consents/not-a-tenant/check"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + operator).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), refused.headers().map().toString());
        assertTrue(refused.body().contains("\"error\":\"tenant-id-invalid\""), refused.body());
    }

    @Test
    void operatorSessionsAreRowsThatEndOnWildFlyToo() throws Exception {
        // the session rows through Hibernate (WildFly) as through EclipseLink (Payara): made, read, ended, revoked
        StandIns standIns = StandInsExtension.standIns();
        String user = "wildfly.operator@contosopartner.onmicrosoft.com";
        standIns.entra().assignAppRole(Operators.OPERATOR_TENANT, user, "PartnerConsent.Reader");
        String key = Operators.sessionKey(user, Operators.OPERATOR_TENANT);
        ConsentBrowser first = Operators.signedIn(baseUrl, user, Operators.OPERATOR_TENANT);
        ConsentBrowser copy = Operators.copyOf(first, baseUrl);
        String reader = Operators.appToken(standIns, Operators.READER_CLIENT_ID, Operators.READER_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        assertTrue(bearer("GET", "/api/sessions", reader).body().contains("\"operator\":\"" + key + "\""), "listed");

        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(first.get(baseUrl + "/admin/consents.xhtml").body());
        assertTrue(csrf.find(), "the page carries the session's anti-forgery token");
        ConsentBrowser.Page out = first.post(baseUrl + "/operator/signout", Map.of("csrf", csrf.group(1)));
        assertTrue(out.status() == 302 || out.status() == 303, out.status() + " " + out.body());
        ConsentBrowser.Page refused = copy.get(baseUrl + "/admin/consents.xhtml");
        assertEquals(401, refused.status(), refused.body());
        assertEquals("operator-session-ended", ConsentBrowser.text(refused, "error-code"), refused.body());

        ConsentBrowser second = Operators.signedIn(baseUrl, user, Operators.OPERATOR_TENANT);
        String operator = Operators.appToken(standIns, Operators.OPERATOR_CLIENT_ID, Operators.OPERATOR_SECRET,
                Operators.OPERATOR_TENANT, Operators.apiScope());
        HttpResponse<String> revoked = bearer("POST", "/api/sessions/revoke", operator, "operator=" + key);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertTrue(revoked.body().contains("\"revoked\":1"), revoked.body());
        assertEquals(401, second.get(baseUrl + "/admin/consents.xhtml").status(), "revoked");
        assertTrue(bearer("GET", "/api/audit?kind=session.revoked", reader).body().contains("revoked 1 session(s) of " + key));
    }

    private static HttpResponse<String> bearer(String method, String path, String token) throws Exception {
        return bearer(method, path, token, "");
    }

    private static HttpResponse<String> bearer(String method, String path, String token, String form) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token);
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals(List.of(), wildfly.nonLoopbackListeners(), "listening beyond 127.0.0.1");
    }

    @Test
    void theImagesHealthCheckPassesAgainstThisServer() throws Exception {
        // docker/ready.sh is the HEALTHCHECK of docker/wildfly/Dockerfile
        assertEquals(0, ReadyScript.run(ServerProcess.port("it.wildfly.mgmt.port"), "/health/ready"));
    }
}
