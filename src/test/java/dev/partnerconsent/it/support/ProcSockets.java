package dev.partnerconsent.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets of processes on this (Linux) machine, from {@code /proc}: which socket inodes a process holds, and the
 * kernel's TCP tables. Empty where there is no {@code /proc}.
 */
public final class ProcSockets {

    /** One row of {@code /proc/net/tcp[6]}: addresses as hex {@code ip:port}, state as hex (01 ESTABLISHED, 0A LISTEN). */
    public record Entry(String table, String localAddress, String remoteAddress, String state, String inode) {
        public int remotePort() {
            return Integer.parseInt(remoteAddress.substring(remoteAddress.indexOf(':') + 1), 16);
        }
    }

    private ProcSockets() {
    }

    /** The socket inodes among the open file descriptors of these processes. */
    public static Set<String> inodesOf(List<ProcessHandle> processes) {
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle h : processes) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(h.pid()), "fd"))) {
                fds.forEach(fd -> {
                    try {
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[")) {
                            inodes.add(link.substring(8, link.length() - 1));
                        }
                    } catch (IOException gone) {
                        // closed meanwhile
                    }
                });
            } catch (IOException notLinux) {
                // no /proc here, or the process ended
            }
        }
        return inodes;
    }

    /** Every row of the IPv4 and IPv6 TCP tables. */
    public static List<Entry> tcp() {
        List<Entry> entries = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    if (f.length > 9) {
                        entries.add(new Entry(table, f[1], f[2], f[3], f[9]));
                    }
                }
            } catch (IOException notLinux) {
                // no /proc here
            }
        }
        return entries;
    }
}
