package dev.partnerconsent.it.support;

import dev.partnerconsent.standin.StandIns;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * Starts the local Entra ID and Key Vault once per test JVM, on the ports Maven reserved; before each test class
 * resets them ({@link StandIns#reset()}), so no class sees another's secrets, scripts or counts whatever the order,
 * and writes the app's settings for them, before Arquillian starts Payara Micro (this extension is registered first).
 */
public class StandInsExtension implements BeforeAllCallback {

    private static final String KEY = StandInsExtension.class.getName();
    private static volatile StandIns current;
    private static volatile java.util.Map<String, String> appSettings;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        current = store.getOrComputeIfAbsent(KEY, k -> new Running(startStandIns()), Running.class).standIns();
        current.reset();
        writeAppSettings(current, context.getRequiredTestClass());
        forgetEarlierDeployments();
    }

    /**
     * Payara Micro keeps its runtime directory between classes, and its domain.xml names the last class's ROOT
     * application: the next start would load that one first (old settings, startup probes and all) and only then
     * redeploy, and a request arriving between the two met a closing application. And Arquillian's stop returns
     * while the last class's Payara is still exiting. So: wait for that process (its pid file names it), then start
     * from an empty directory.
     */
    private static void forgetEarlierDeployments() {
        Path runtime = Path.of(System.getProperty("standin.dir")).getParent().resolve("it-payara");
        awaitExit(runtime.resolve("config/pid"));
        ServerProcess.deleteTree(runtime);
    }

    private static void awaitExit(Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        } catch (java.io.IOException | NumberFormatException e) {
            return; // no earlier Payara, or it is gone with its pid file
        }
        ProcessHandle.of(pid).ifPresent(payara -> {
            try {
                payara.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("The previous class's Payara Micro (pid " + pid + ") did not exit in 120 s");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The running stand-ins of this test JVM. */
    public static StandIns standIns() {
        if (current == null) {
            throw new IllegalStateException("The stand-ins start in beforeAll of a class extended with StandInsExtension");
        }
        return current;
    }

    private static StandIns startStandIns() {
        return StandIns.start(Path.of(System.getProperty("standin.dir")),
                Integer.getInteger("it.idp.port"), Integer.getInteger("it.kv.port"));
    }

    /** The settings Payara Micro reads when Arquillian starts it for this class: the stand-ins', plus the class's overrides. */
    private static void writeAppSettings(StandIns standIns, Class<?> testClass) {
        var settings = new java.util.LinkedHashMap<>(standIns.registerApp(InContainer.appBaseUrl()));
        settings.put("partnerconsent.allowed-tenants", ItTenants.allowedSetting());
        Operators.configure(standIns, settings);
        AppSettings overrides = testClass.getAnnotation(AppSettings.class);
        if (overrides != null) {
            for (String entry : overrides.value()) {
                int eq = entry.indexOf('=');
                String key = entry.substring(0, eq);
                String value = withSystemProperties(entry.substring(eq + 1));
                if (value.isEmpty()) {
                    settings.remove(key);
                } else {
                    settings.put(key, value);
                }
            }
        }
        appSettings = java.util.Map.copyOf(settings);
        Path it = Path.of(System.getProperty("standin.dir")).getParent().resolve("it");
        StandIns.writeProperties(settings, it.resolve("app.properties"));
        writePostBoot(it.resolve("postboot.asadmin"));
    }

    /** JNDI name of the mail session every test Payara defines, sending to the test JVM's SMTP server (AlertsIT). */
    public static final String MAIL_SESSION = "mail/partnerconsent";

    /** Payara Micro's post-boot commands: the server-defined mail session, as an operator creates it with asadmin. */
    private static void writePostBoot(Path file) {
        String command = "create-javamail-resource --mailhost 127.0.0.1 --mailuser partnerconsent --fromaddress "
                + "partnerconsent@consent.example --property mail.smtp.port=" + Integer.getInteger("it.smtp.port")
                + ":mail.smtp.connectiontimeout=5000:mail.smtp.timeout=5000 " + MAIL_SESSION + "\n";
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, command);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces each {@code ${name}} with the system property (the ports Maven reserved, e.g. it.app.port). */
    private static String withSystemProperties(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(System.getProperty(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** The settings the app was started with. */
    public static java.util.Map<String, String> appSettings() {
        return appSettings;
    }

    /** Closes the stand-ins when the whole run ends. */
    public record Running(StandIns standIns) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            standIns.close();
        }
    }
}
