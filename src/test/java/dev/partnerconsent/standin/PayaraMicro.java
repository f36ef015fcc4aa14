package dev.partnerconsent.standin;

import java.nio.file.Path;
import java.util.List;

/** The Payara Micro command line the demo and the consent benchmark share, after the JVM options. */
public final class PayaraMicro {

    private PayaraMicro() {
    }

    /**
     * {@code -jar payara-micro.jar} serving {@code war} at '/' on 127.0.0.1:{@code port} (the pre-boot file binds the
     * listener to loopback), without Hazelcast or phone-home, its state in {@code rootDir}, the app's settings as
     * system properties from {@code properties}.
     */
    public static List<String> arguments(Path microJar, Path war, int port, Path rootDir, Path properties) {
        return List.of("-jar", microJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", Integer.toString(port),
                "--nohazelcast", "--disablephonehome",
                "--prebootcommandfile", Path.of("src/test/payara/preboot.asadmin").toAbsolutePath().toString(),
                "--rootdir", rootDir.toString(),
                "--systemProperties", properties.toString());
    }
}
