package org.leasedesk.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the process may do to the network, from the effective capability set the kernel reports
 * in /proc/self/status (CapEff). Root normally holds every capability, so the set is the one
 * answer for root, setcap'd launchers and containers that dropped capabilities alike.
 */
public final class Privileges {

    static final int CAP_NET_BIND_SERVICE = 10;
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;

    private final Path status;
    private final String osName;

    public Privileges() {
        this(Path.of("/proc/self/status"), System.getProperty("os.name"));
    }

    /** Judges another status file, such as a test's or another process's /proc/PID/status, as if on {@code osName}. */
    public Privileges(Path status, String osName) {
        this.status = status;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /**
     * Why the embedded client cannot run on a real interface, in one sentence, or empty when it can:
     * it binds port 68 (CAP_NET_BIND_SERVICE), broadcasts before it has an address and probes with
     * ARP (CAP_NET_RAW), and sets the address and route (CAP_NET_ADMIN).
     */
    public Optional<String> embeddedClientProblem() {
        if (!osName.startsWith("linux")) {
            return Optional.of("LeaseDesk's own DHCP client runs on Linux only; on " + osName
                    + " release and renew go through the system's DHCP client.");
        }
        long effective;
        try {
            effective = effectiveCapabilities(Files.readString(status));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("Cannot read the process's capabilities from " + status + " (" + e.getMessage()
                    + "); run LeaseDesk as root or with CAP_NET_ADMIN, CAP_NET_RAW and CAP_NET_BIND_SERVICE.");
        }
        long needed = 1L << CAP_NET_ADMIN | 1L << CAP_NET_RAW | 1L << CAP_NET_BIND_SERVICE;
        if ((effective & needed) == needed) {
            return Optional.empty();
        }
        return Optional.of("Releasing or renewing with LeaseDesk's own DHCP client needs root or the capabilities"
                + " CAP_NET_ADMIN, CAP_NET_RAW and CAP_NET_BIND_SERVICE (missing: " + missing(effective)
                + "); run it with sudo or see 'Privileges' in the README for setcap.");
    }

    /** The CapEff bit mask of a /proc/PID/status text. */
    static long effectiveCapabilities(String statusText) {
        return statusText.lines().filter(line -> line.startsWith("CapEff:")).findFirst()
                .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16))
                .orElseThrow(() -> new IllegalArgumentException("no CapEff line"));
    }

    private static String missing(long effective) {
        StringBuilder names = new StringBuilder();
        appendIfMissing(names, effective, CAP_NET_ADMIN, "CAP_NET_ADMIN");
        appendIfMissing(names, effective, CAP_NET_RAW, "CAP_NET_RAW");
        appendIfMissing(names, effective, CAP_NET_BIND_SERVICE, "CAP_NET_BIND_SERVICE");
        return names.toString();
    }

    private static void appendIfMissing(StringBuilder names, long effective, int capability, String name) {
        if ((effective & 1L << capability) == 0) {
            names.append(names.isEmpty() ? "" : ", ").append(name);
        }
    }
}
