package org.leasedesk.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Finds which process holds a UDP port, where Linux says so: {@code /proc/thread-self/net/udp}
 * lists the sockets of the calling thread's network namespace with their inodes, and a process's
 * {@code fd} directory links to {@code socket:[inode]} for each socket it holds. Reading other
 * users' processes needs root, which binding port 67 needs anyway.
 */
public final class PortHolder {

    private static final Path UDP_SOCKETS = Path.of("/proc/thread-self/net/udp");
    private static final Path PROC = Path.of("/proc");

    private PortHolder() {}

    /** The pid of a process with a UDP socket on {@code port}, if one can be found. */
    public static OptionalLong ofUdpPort(int port) {
        try {
            List<Long> inodes = socketInodes(Files.readAllLines(UDP_SOCKETS), port);
            for (long inode : inodes) {
                OptionalLong pid = processHolding("socket:[" + inode + "]");
                if (pid.isPresent()) {
                    return pid;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is not readable here: the message names no holder.
        }
        return OptionalLong.empty();
    }

    /**
     * Reads lines such as {@code 12: 00000000:0043 00000000:0000 07 00000000:00000000 00:00000000
     * 00000000 0 0 31337 2 ...}: the local address and port in hex, and the inode tenth.
     */
    static List<Long> socketInodes(List<String> procNetUdpLines, int port) {
        String wantedPort = String.format(Locale.ROOT, "%04X", port);
        return procNetUdpLines.stream()
                .map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length > 9 && fields[1].contains(":"))
                .filter(fields -> fields[1].substring(fields[1].indexOf(':') + 1).equalsIgnoreCase(wantedPort))
                .map(fields -> Long.parseLong(fields[9]))
                .filter(inode -> inode > 0)
                .toList();
    }

    private static OptionalLong processHolding(String socketLink) throws IOException {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holds(process.resolve("fd"), socketLink)) {
                    return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean holds(Path fdDirectory, String socketLink) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fdDirectory)) {
            for (Path descriptor : descriptors) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().equals(socketLink)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException closedMeanwhile) {
                    // The descriptor went away while we looked.
                }
            }
        } catch (IOException | RuntimeException notOurs) {
            // The process ended, or we may not look into it.
        }
        return false;
    }
}
