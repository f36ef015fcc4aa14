package dev.partnerconsent.standin;

import dev.partnerconsent.standin.entra.DemoTenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code mvn -Pdemo}: the local Entra ID and Key Vault, and Payara Micro serving the packaged WAR configured for
 * them, all on 127.0.0.1. Ctrl-C stops all three and removes the demo's temporary files.
 */
public final class Demo {

    /** The demo's operator: sign in with this user name at /admin/consents.xhtml. */
    static final String DEMO_OPERATOR = "operator@contosopartner.onmicrosoft.com";
    /** Contoso Partner, the first demo tenant: the operator signs in there. */
    static final String DEMO_OPERATOR_TENANT = dev.partnerconsent.standin.entra.DemoTenants.ALL.get(0).id();

    private final Path build;
    private final Path work;
    private final int appPort;
    private final int idpPort;
    private final int vaultPort;
    private StandIns standIns;
    private Process payara;

    private Demo(Path build, int appPort, int idpPort, int vaultPort) {
        this.build = build;
        this.work = build.resolve("demo");
        this.appPort = appPort;
        this.idpPort = idpPort;
        this.vaultPort = vaultPort;
    }

    public static void main(String[] args) throws Exception {
        Demo demo = new Demo(Path.of(System.getProperty("demo.build", "target")).toAbsolutePath(),
                Integer.getInteger("demo.port", 8080), Integer.getInteger("demo.idp.port", 9080),
                Integer.getInteger("demo.vault.port", 9443));
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "demo-shutdown"));
        int exit = demo.run();
        System.exit(exit);
    }

    private int run() throws Exception {
        Path war = build.resolve("partner-consent.war");
        Path microJar = build.resolve("payara-micro/payara-micro.jar");
        if (!Files.isRegularFile(war) || !Files.isRegularFile(microJar)) {
            System.err.println("Missing " + war + " or " + microJar + ": run the demo with 'mvn -Pdemo'.");
            return 2;
        }
        deleteTree(work);
        Files.createDirectories(work.resolve("tmp"));
        say("Starting the local Entra ID on :" + idpPort + " and the local Key Vault on :" + vaultPort + " ...");
        standIns = StandIns.start(build.resolve("standin"), idpPort, vaultPort);
        String appUrl = "http://127.0.0.1:" + appPort;
        Map<String, String> settings = new java.util.LinkedHashMap<>(standIns.registerApp(appUrl));
        // the operator pages (/admin/consents.xhtml): sign in as this user of the demo partner tenant
        settings.put("partnerconsent.admins", DEMO_OPERATOR_TENANT + ":"
                + dev.partnerconsent.standin.entra.LocalEntraId.objectIdOf(DEMO_OPERATOR_TENANT, DEMO_OPERATOR));
        // the login page takes any tenant GUID
        settings.put("partnerconsent.allowed-tenants", "*");
        Path properties = work.resolve("app.properties");
        StandIns.writeProperties(settings, properties);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + work.resolve("tmp"),
                "-Dsun.net.httpserver.nodelay=true"));
        command.addAll(standIns.trustStoreOptions());
        command.addAll(PayaraMicro.arguments(microJar, war, appPort, work.resolve("payara"), properties));
        say("Starting Payara Micro on :" + appPort + " (about 10-20 s; its log: " + work.resolve("payara.log") + ") ...");
        payara = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("payara.log").toFile())
                .start();
        if (!awaitReady(appUrl + "/health/ready", Duration.ofSeconds(180))) {
            System.err.println("PartnerConsent did not become ready; see " + work.resolve("payara.log"));
            return 1;
        }
        banner(appUrl);
        return payara.waitFor();
    }

    private boolean awaitReady(String url, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline) && payara.isAlive()) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // Payara is still starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private void banner(String appUrl) {
        StringBuilder b = new StringBuilder();
        b.append("\n================================================================================\n");
        b.append(" PartnerConsent demo is running:  ").append(appUrl).append("/\n\n");
        b.append(" 1. Open ").append(appUrl).append("/ and click \"Grant consent\".\n");
        b.append(" 2. The local Entra ID asks who you are: type any user name, pick a demo tenant\n");
        b.append("    (or type a tenant id), keep \"MFA used\" ticked, and sign in.\n");
        b.append(" 3. The result page shows the tenant, the Key Vault secret name and the new version id.\n");
        b.append("    Consent again for the same tenant: a second version. Untick MFA: refused.\n");
        b.append(" 4. Operators: open ").append(appUrl).append("/admin/consents.xhtml and sign in as ")
                .append(DEMO_OPERATOR).append(" (tenant Contoso Partner)\n    to see every stored consent, refresh them and check "
                        + "their access.\n\n");
        b.append(" Demo tenants:\n");
        DemoTenants.ALL.forEach(t -> b.append("    ").append(t.id()).append("  ").append(t.displayName())
                .append("  (users @").append(t.domain()).append(")\n"));
        b.append("\n Setup check: ").append(appUrl).append("/setup.xhtml    Health: ").append(appUrl).append("/health/ready\n");
        b.append(" Local Entra ID: ").append(standIns.entra().organizationsAuthority()).append("/.well-known/openid-configuration\n");
        b.append(" Local Key Vault: ").append(standIns.vault().vaultUrl()).append("  (app log: ").append(work.resolve("payara.log")).append(")\n");
        b.append("\n Press Ctrl-C to stop everything.\n");
        b.append("================================================================================\n");
        System.out.println(b);
    }

    private synchronized void stop() {
        if (payara != null && payara.isAlive()) {
            say("Stopping Payara Micro ...");
            payara.destroy();
            try {
                if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                    payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                payara.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (standIns != null) {
            say("Stopping the local Entra ID and Key Vault ...");
            standIns.close();
            standIns = null;
        }
        deleteTree(work.resolve("tmp"));
        say("Stopped.");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(String line) {
        System.out.println("[demo] " + line);
    }
}
