package dev.partnerconsent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: cores, CPU model, JDK, and how busy the machine was (load average). */
record Machine(int cores, String cpuModel, String jdk, String os) {

    /** As the reports print it: {@code 2 CPUs, <model>; <JVM>; <OS>}. */
    String describe() {
        return cores + " CPUs, " + cpuModel + "; " + jdk + "; " + os;
    }

    static Machine here() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}): above ~0.5 others were using the CPUs too. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
