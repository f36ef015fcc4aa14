package dev.partnerconsent.store;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This node's name in leases and run history: the JVM's {@code pid@host} and a random suffix (pids are reused). */
public final class NodeName {

    private static final String NAME = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private NodeName() {
    }

    public static String get() {
        return NAME.length() > 200 ? NAME.substring(NAME.length() - 200) : NAME;
    }
}
