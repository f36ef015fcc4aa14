package dev.partnerconsent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** CPU time of a process from {@code /proc/<pid>/stat} (utime + stime, in clock ticks). Linux only. */
final class ProcCpu {

    /** USER_HZ: 100 on every Linux architecture the JDK runs on (sysconf(_SC_CLK_TCK)). */
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    static Duration of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("no /proc/" + pid + "/stat: the CPU figures need Linux", e);
        }
    }

    /** The command name (field 2) may contain spaces and parentheses: fields are counted after its last ')'. */
    static Duration parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) f[12]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}
