package dev.partnerconsent.it;

import dev.partnerconsent.it.support.ConsentBrowser;
import dev.partnerconsent.it.support.DeployedApp;
import dev.partnerconsent.it.support.LeakCheck;
import dev.partnerconsent.it.support.ServerProcess;
import dev.partnerconsent.it.support.StandInsExtension;
import dev.partnerconsent.standin.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged WAR, unchanged, on Payara Server 6, deployed with {@code asadmin deploy} as an operator does;
 * settings from environment variables, except the client secret, which is a Payara password alias named after
 * the setting ({@code asadmin create-password-alias partnerconsent.client-secret}). Runs with {@code -Pservers}.
 * <p>
 * The domain is a copy of the distribution's {@code domain1} under {@code target/it-payara-server}, its listeners
 * moved to reserved loopback ports, Hazelcast and the JMS broker off, so nothing binds beyond 127.0.0.1.
 */
@Tag("servers")
@ExtendWith(StandInsExtension.class)
class PayaraServerIT {

    /** A partner tenant only this test signs in with. */
    static final String TENANT = "8b2d3f4a-5c6e-4f70-9b1c-2d3e4f5a6b7c";
    static final String CLIENT_SECRET_KEY = "partnerconsent.client-secret";

    private static ServerProcess payara;
    private static String baseUrl;
    private static Path home;
    private static Path work;
    private static int adminPort;
    private static Map<String, String> asadminEnv;

    @BeforeAll
    static void startPayaraServer() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        home = Path.of(System.getProperty("it.payara.server.home")).toAbsolutePath();
        assertTrue(Files.isRegularFile(home.resolve("bin/asadmin")), "Payara Server is not unpacked at " + home + " (run with -Pservers)");
        int port = ServerProcess.port("it.payara.port");
        adminPort = ServerProcess.port("it.payara.admin.port");
        baseUrl = "http://127.0.0.1:" + port;

        work = DeployedApp.target().resolve("it-payara-server");
        ServerProcess.deleteTree(work);
        Path domains = work.resolve("domains");
        ServerProcess.copyTree(home.resolve("glassfish/domains/domain1"), domains.resolve("domain1"));
        loopbackOnly(domains.resolve("domain1/config/domain.xml"), port);
        // Payara Server trusts its domain's cacerts.p12 (its own -Djavax.net.ssl.trustStore): import the local Key
        // Vault's certificate there, as an operator imports a private CA
        Path cert = work.resolve("standin-vault.crt");
        Files.write(cert, standIns.tls().certificate().getEncoded());
        ServerProcess.runToEnd("keytool", List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-importcert", "-noprompt", "-alias", "partnerconsent-standin-vault", "-file", cert.toString(),
                        "-keystore", domains.resolve("domain1/config/cacerts.p12").toString(), "-storepass", "changeit",
                        "-J-XX:-UsePerfData"),
                work, Map.of(), work.resolve("keytool.log"), Duration.ofMinutes(1));

        // asadmin keeps its client files under the home directory: keep them under target/ as well
        Path userHome = Files.createDirectories(work.resolve("home"));
        asadminEnv = new LinkedHashMap<>();
        asadminEnv.put("HOME", userHome.toString());
        asadminEnv.put("AS_EXTRA_JAVA_OPTS", "-XX:-UsePerfData -Djava.io.tmpdir=" + DeployedApp.tmpDir() + " -Duser.home=" + userHome);

        Map<String, String> settings = DeployedApp.settingsFor(standIns, baseUrl, TENANT);
        String clientSecret = settings.remove(CLIENT_SECRET_KEY);
        Map<String, String> env = new LinkedHashMap<>(asadminEnv);
        env.putAll(ServerProcess.asEnvironment(settings));

        payara = ServerProcess.start("Payara Server", List.of("sh", home.resolve("bin/asadmin").toString(),
                        "start-domain", "--verbose", "--domaindir", domains.toString(), "domain1"),
                home, env, DeployedApp.target().resolve("it-payara-server.log"));
        Duration up = payara.awaitOk("http://127.0.0.1:" + adminPort + "/management/domain/version", Duration.ofSeconds(240));
        System.out.println("Payara Server admin listener up after " + up.toMillis() + " ms");

        // The client secret as a password alias (Payara's "password" MicroProfile Config source), never in the env
        Path aliasFile = work.resolve("alias-password.txt");
        Files.writeString(aliasFile, "AS_ADMIN_ALIASPASSWORD=" + clientSecret + "\n", StandardCharsets.UTF_8);
        try {
            asadmin("--passwordfile", aliasFile.toString(), "create-password-alias", CLIENT_SECRET_KEY);
        } finally {
            Files.delete(aliasFile);
        }
        asadmin("deploy", "--contextroot", "/", "--name", "partner-consent", System.getProperty("it.war"));
        Duration ready = payara.awaitOk(baseUrl + "/health/ready", Duration.ofSeconds(120));
        System.out.println("Payara Server ready (deployed, readiness UP) after " + ready.toMillis() + " ms");
    }

    private static String asadmin(String... args) {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/asadmin").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(adminPort)));
        command.addAll(List.of(args));
        return payara.run(command, home, asadminEnv, Duration.ofMinutes(3));
    }

    /**
     * Moves every listener of the distribution's {@code server-config} to 127.0.0.1 and a reserved port (the default
     * datasource's H2 server too), turns off Hazelcast and the JMS broker (they listen on all interfaces otherwise, and
     * the app needs neither), and sets the JVM's tmp dir. Fails when the distribution's file no longer reads as expected.
     */
    private static void loopbackOnly(Path domainXml, int port) throws IOException {
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        xml = replaceOnce(xml, "<network-listener port=\"8080\" protocol=\"http-listener-1\"",
                "<network-listener address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"http-listener-1\"");
        xml = replaceOnce(xml, "<network-listener port=\"8181\" protocol=\"http-listener-2\"",
                "<network-listener address=\"127.0.0.1\" port=\"" + ServerProcess.port("it.payara.https.port") + "\" protocol=\"http-listener-2\"");
        xml = replaceOnce(xml, "<network-listener port=\"4848\" protocol=\"admin-listener\"",
                "<network-listener address=\"127.0.0.1\" port=\"" + adminPort + "\" protocol=\"admin-listener\"");
        xml = replaceOnce(xml, "address=\"0.0.0.0\" port=\"3700\"",
                "address=\"127.0.0.1\" port=\"" + ServerProcess.port("it.payara.iiop.port") + "\"");
        xml = replaceOnce(xml, "address=\"0.0.0.0\" port=\"3820\"",
                "address=\"127.0.0.1\" port=\"" + ServerProcess.port("it.payara.iiop.ssl.port") + "\"");
        xml = replaceOnce(xml, "address=\"0.0.0.0\" port=\"3920\"",
                "address=\"127.0.0.1\" port=\"" + ServerProcess.port("it.payara.iiop.mutual.port") + "\"");
        xml = replaceOnce(xml, "address=\"0.0.0.0\" port=\"8686\"",
                "address=\"127.0.0.1\" port=\"" + ServerProcess.port("it.payara.jmx.port") + "\"");
        xml = replaceOnce(xml, "<hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\"></hazelcast-config-specific-configuration>");
        String jmsPort = "<system-property name=\"JMS_PROVIDER_PORT\" value=\"7676\"";
        int at = xml.indexOf(jmsPort);
        assertTrue(at > 0, "no JMS_PROVIDER_PORT in " + domainXml);
        int end = xml.indexOf("/>", at) + 2;
        xml = xml.substring(0, end) + "\n            <jms-service type=\"DISABLED\" default-jms-host=\"default_JMS_host\">"
                + "<jms-host name=\"default_JMS_host\" host=\"localhost\" port=\"${JMS_PROVIDER_PORT}\" lazy-init=\"true\"/>"
                + "</jms-service>" + xml.substring(end);
        xml = replaceOnce(xml, "<jvm-options>-Xmx512m</jvm-options>", "<jvm-options>-Xmx512m</jvm-options>"
                + "\n                <jvm-options>-XX:-UsePerfData</jvm-options>"
                + "\n                <jvm-options>-Djava.io.tmpdir=" + DeployedApp.tmpDir() + "</jvm-options>"
                + "\n                <jvm-options>-Dsun.net.httpserver.nodelay=true</jvm-options>"
                // the default datasource's H2 (AUTO_SERVER=TRUE) opens a TCP port once the app uses it
                + "\n                <jvm-options>-Dh2.bindAddress=127.0.0.1</jvm-options>");
        Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    }

    /** Replaces the first occurrence (the distribution's server-config comes before default-config). */
    private static String replaceOnce(String xml, String from, String to) {
        int i = xml.indexOf(from);
        assertTrue(i >= 0, "domain.xml of Payara Server no longer contains: " + from);
        return xml.substring(0, i) + to + xml.substring(i + from.length());
    }

    @AfterAll
    static void stopPayaraServer() throws Exception {
        if (payara != null) {
            try {
                if (payara.isAlive()) {
                    payara.run(List.of("sh", home.resolve("bin/asadmin").toString(), "stop-domain", "--domaindir",
                            work.resolve("domains").toString(), "domain1"), home, asadminEnv, Duration.ofMinutes(2));
                }
            } finally {
                payara.close();
            }
            LeakCheck.assertNotIn(LeakCheck.secretsOfTheRun(StandInsExtension.standIns()),
                    List.of(payara.log(), work.resolve("domains/domain1/logs/server.log"),
                            payara.log().resolveSibling(payara.log().getFileName() + ".commands")));
        }
        StandInsExtension.standIns().entra().resetRequestCounts();
    }

    @Test
    void startPageOffersConsentWithTheSecretFromThePasswordAlias() throws Exception {
        // the environment carries every setting but the client secret: no setup warning means the alias was read
        DeployedApp.assertStartPage(baseUrl, payara);
    }

    @Test
    void readinessIncludesTheSettingsCheck() throws Exception {
        DeployedApp.assertReady(DeployedApp.get(baseUrl + "/health/ready"));
    }

    @Test
    void deployedWithAsadmin() {
        String apps = asadmin("list-applications");
        assertTrue(apps.contains("partner-consent"), apps);
    }

    @Test
    void fullConsentIsStoredInKeyVault() throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        DeployedApp.assertFullConsent(standIns, new ConsentBrowser(baseUrl), TENANT, payara);
        DeployedApp.assertFullConsent(standIns, new ConsentBrowser(baseUrl), TENANT, payara);
        assertEquals(2, standIns.vault().secret(TENANT).orElseThrow().versions().size(), "a re-consent is a new version");
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals(List.of(), payara.nonLoopbackListeners(), "listening beyond 127.0.0.1");
    }
}
