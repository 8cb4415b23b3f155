package org.leasedesk.testing.netns;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether this machine can run a network-namespace test: Linux, root (creating namespaces
 * needs CAP_SYS_ADMIN), {@code ip} from iproute2, and every command the test names. The answer is
 * a sentence a person can act on, naming the Debian package that provides a missing command.
 */
public final class NetnsPrerequisites {

    /**
     * Where peers live on Debian. The system directories come first so that a peer is the distribution's
     * binary even when a developer's PATH puts shims (pyenv, sdkman) in front; sbin is included
     * because non-login root shells and IDEs often leave it out.
     */
    static final List<String> SYSTEM_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** The Debian package behind each peer command, for the hint in a skip or failure message. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("ip", "iproute2"),
            Map.entry("tcpdump", "tcpdump"),
            Map.entry("dhclient", "isc-dhcp-client"),
            Map.entry("dhcpd", "isc-dhcp-server"),
            Map.entry("dhcrelay", "isc-dhcp-relay"),
            Map.entry("udhcpc", "udhcpc"),
            Map.entry("busybox", "busybox"),
            Map.entry("dhcpcd", "dhcpcd-base"),
            Map.entry("dnsmasq", "dnsmasq"),
            Map.entry("kea-dhcp4", "kea-dhcp4-server"),
            Map.entry("perfdhcp", "kea-admin"),
            Map.entry("python3", "python3"),
            Map.entry("unshare", "util-linux"));

    /** What the machine offers; a seam so the decision can be tested without changing the machine. */
    public interface Machine {
        boolean isLinux();

        boolean isRoot();

        boolean hasCommand(String command);
    }

    private final Machine machine;

    public NetnsPrerequisites(Machine machine) {
        this.machine = machine;
    }

    /** The machine this JVM runs on. */
    public static NetnsPrerequisites ofThisMachine() {
        return new NetnsPrerequisites(new ThisMachine());
    }

    /**
     * Why a test needing {@code commands} cannot run here, or empty when it can. Every missing
     * command is named at once, so one run tells an administrator everything to install.
     */
    public Optional<String> unmetReason(Collection<String> commands) {
        if (!machine.isLinux()) {
            return Optional.of("needs Linux network namespaces");
        }
        if (!machine.isRoot()) {
            return Optional.of("needs root to create network namespaces");
        }
        Set<String> needed = new LinkedHashSet<>();
        needed.add("ip");
        needed.addAll(commands);
        List<String> missing = new ArrayList<>();
        for (String command : needed) {
            if (!machine.hasCommand(command)) {
                missing.add(command + " (apt-get install " + debianPackageOf(command) + ")");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("needs " + String.join(", ", missing));
    }

    /** The Debian package that installs {@code command}, or the command itself when unknown. */
    public static String debianPackageOf(String command) {
        return DEBIAN_PACKAGES.getOrDefault(command, command);
    }

    /** The search path for peers: the system directories, then the inherited PATH. */
    static String searchPath() {
        String inherited = System.getenv().getOrDefault("PATH", "");
        return String.join(File.pathSeparator, SYSTEM_PATH) + (inherited.isEmpty() ? "" : File.pathSeparator + inherited);
    }

    private static final class ThisMachine implements Machine {
        @Override
        public boolean isLinux() {
            return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        }

        @Override
        public boolean isRoot() {
            return LinuxCalls.libc().geteuid() == 0;
        }

        @Override
        public boolean hasCommand(String command) {
            for (String directory : searchPath().split(File.pathSeparator)) {
                if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                    return true;
                }
            }
            return false;
        }
    }
}
