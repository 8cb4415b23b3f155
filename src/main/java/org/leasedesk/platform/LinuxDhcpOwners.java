package org.leasedesk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds who manages DHCP on a Linux interface from what the system exposes: NetworkManager's and
 * systemd-networkd's per-interface state under /run, and DHCP client processes under /proc.
 *
 * <p>Only processes in the caller's own network namespace count: a dhclient serving {@code eth0}
 * in a container or test namespace says nothing about this namespace's {@code eth0}.
 */
public final class LinuxDhcpOwners {

    private static final Logger log = LoggerFactory.getLogger(LinuxDhcpOwners.class);

    /** Client programs by the name they run under, and the interface udhcpc assumes when none is given. */
    private static final Map<String, DhcpOwner> CLIENTS = Map.of(
            "dhclient", DhcpOwner.DHCLIENT, "dhcpcd", DhcpOwner.DHCPCD, "udhcpc", DhcpOwner.UDHCPC);
    private static final String UDHCPC_DEFAULT_INTERFACE = "eth0";

    /** dhclient options that take a value, so the value is not mistaken for an interface name. */
    private static final Set<String> DHCLIENT_VALUE_OPTIONS = Set.of(
            "-p", "-D", "-s", "-g", "-cf", "-df", "-lf", "-pf", "-sf", "-e", "--dad-wait-time",
            "--prefix-len-hint", "--decline-wait-time", "--address-prefix-len");

    private final Path root;

    /** Reads the running system. */
    public LinuxDhcpOwners() {
        this(Path.of("/"));
    }

    /** Reads a copy of /proc and /run under {@code root}, for tests. */
    LinuxDhcpOwners(Path root) {
        this.root = root;
    }

    /**
     * Who manages DHCP on the interface, judged from the calling thread's network namespace.
     *
     * @param allInterfaces every interface name in this namespace: a client started without naming
     *     interfaces serves all of them
     */
    public DhcpOwnership ownerOf(String name, int index, Set<String> allInterfaces) {
        return networkManager(index)
                .or(() -> networkd(index))
                .or(() -> clientProcess(name, allInterfaces))
                .orElseGet(DhcpOwnership::nobody);
    }

    private Optional<DhcpOwnership> networkManager(int index) {
        Path device = root.resolve("run/NetworkManager/devices").resolve(Integer.toString(index));
        return readLines(device)
                .filter(lines -> lines.contains("[dhcp4]"))
                .map(lines -> new DhcpOwnership(DhcpOwner.NETWORK_MANAGER, OptionalLong.empty(),
                        "NetworkManager holds a DHCPv4 lease for it (" + device + ")"));
    }

    private Optional<DhcpOwnership> networkd(int index) {
        Path lease = root.resolve("run/systemd/netif/leases").resolve(Integer.toString(index));
        return Files.isRegularFile(lease)
                ? Optional.of(new DhcpOwnership(DhcpOwner.SYSTEMD_NETWORKD, OptionalLong.empty(),
                        "systemd-networkd holds a DHCPv4 lease for it (" + lease + ")"))
                : Optional.empty();
    }

    private Optional<DhcpOwnership> clientProcess(String name, Set<String> allInterfaces) {
        Optional<String> ownNamespace = readLink(root.resolve("proc/thread-self/ns/net"));
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(root.resolve("proc"), entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                Optional<DhcpOwnership> owner = clientServing(process, name, allInterfaces, ownNamespace);
                if (owner.isPresent()) {
                    return owner;
                }
            }
        } catch (IOException e) {
            log.warn("cannot list processes under {}: {}", root.resolve("proc"), e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<DhcpOwnership> clientServing(Path process, String name, Set<String> allInterfaces, Optional<String> ownNamespace) {
        List<String> argv = commandLine(process);
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        // A retitled dhcpcd carries everything in one string: "dhcpcd: eth0 [ip4]", or "dhcpcd: [manager] [ip4]".
        if (argv.size() == 1 && argv.get(0).contains(" ")) {
            argv = List.of(argv.get(0).split("\\s+"));
        }
        // busybox applets may run as "busybox udhcpc ...".
        if (program(argv.get(0)).equals("busybox") && argv.size() > 1) {
            argv = argv.subList(1, argv.size());
        }
        DhcpOwner owner = CLIENTS.get(program(argv.get(0)));
        if (owner == null || !readLink(process.resolve("ns/net")).equals(ownNamespace)) {
            return Optional.empty();
        }
        List<String> named = interfacesNamed(owner, argv.subList(1, argv.size()), allInterfaces);
        if (!named.contains(name)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(process.getFileName().toString());
        // NetworkManager may run dhclient for its devices; releasing then goes through NetworkManager.
        boolean forNetworkManager = argv.stream().anyMatch(arg -> arg.contains("NetworkManager"));
        return Optional.of(new DhcpOwnership(forNetworkManager ? DhcpOwner.NETWORK_MANAGER : owner, OptionalLong.of(pid),
                "process " + pid + ": " + String.join(" ", argv)));
    }

    /** The interfaces a client's arguments name; a client naming none serves every interface (udhcpc: eth0). */
    private static List<String> interfacesNamed(DhcpOwner owner, List<String> arguments, Set<String> allInterfaces) {
        List<String> named = new ArrayList<>();
        boolean skipValue = false;
        for (String argument : arguments) {
            if (skipValue) {
                skipValue = false;
                continue;
            }
            if (owner == DhcpOwner.DHCLIENT && DHCLIENT_VALUE_OPTIONS.contains(argument)) {
                skipValue = true;
                continue;
            }
            // udhcpc also takes --interface=eth0.
            for (String word : argument.split("=")) {
                if (allInterfaces.contains(word)) {
                    named.add(word);
                }
            }
        }
        if (named.isEmpty()) {
            return owner == DhcpOwner.UDHCPC ? List.of(UDHCPC_DEFAULT_INTERFACE) : List.copyOf(allInterfaces);
        }
        return named;
    }

    private static String program(String argv0) {
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        return base.endsWith(":") ? base.substring(0, base.length() - 1) : base;
    }

    private static List<String> commandLine(Path process) {
        try {
            String raw = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
            return Arrays.stream(raw.split("\0")).filter(part -> !part.isEmpty()).toList();
        } catch (IOException e) {
            // The process ended while we looked, or belongs to someone we may not read: not a client we can use.
            return List.of();
        }
    }

    private static Optional<String> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> readLines(Path file) {
        try {
            return Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
