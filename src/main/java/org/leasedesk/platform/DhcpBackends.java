package org.leasedesk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the backend for an interface from who manages DHCP on it ({@link DhcpOwnership}). An
 * interface nobody manages has no backend here: LeaseDesk's own client runs on it, which the
 * application layer composes. dhclient and dhcpcd backends are built from the running client's
 * command line, so they use its files and its control socket.
 */
public final class DhcpBackends {

    private final CommandRunner runner;
    private final Path root;

    public DhcpBackends(CommandRunner runner) {
        this(runner, Path.of("/"));
    }

    DhcpBackends(CommandRunner runner, Path root) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.root = root;
    }

    /** The backend that releases and renews through the owner, or empty when the owner is nobody. */
    public Optional<DhcpBackend> forOwner(DhcpOwnership ownership) {
        return Optional.ofNullable(switch (ownership.owner()) {
            case NONE -> null;
            case NETWORK_MANAGER -> new NetworkManagerBackend(runner);
            case SYSTEMD_NETWORKD -> new NetworkdBackend(runner, root.resolve("run/systemd/netif/leases"), InterfaceNames::index);
            case DHCLIENT -> new DhclientBackend(runner, arguments(ownership));
            case DHCPCD -> new DhcpcdBackend(runner, arguments(ownership));
            case UDHCPC -> new UdhcpcBackend(runner, ownership.pid().orElseThrow(() ->
                    new PlatformException("udhcpc takes its commands as signals, but its process id is unknown.")));
            case WINDOWS -> new WindowsBackend(WindowsIpHelper.load(), InterfaceNames::index);
            case MACOS -> new MacOsBackend(runner);
        });
    }

    /** The running client's arguments after the program name, read from /proc; empty when it is gone. */
    private List<String> arguments(DhcpOwnership ownership) {
        if (ownership.pid().isEmpty()) {
            return List.of();
        }
        Path cmdline = root.resolve("proc").resolve(Long.toString(ownership.pid().getAsLong())).resolve("cmdline");
        try {
            List<String> argv = Arrays.stream(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"))
                    .filter(part -> !part.isEmpty()).toList();
            // A retitled dhcpcd shows "dhcpcd: [master] [ip4]" in one string: split it like LinuxDhcpOwners does.
            if (argv.size() == 1 && argv.getFirst().contains(" ")) {
                argv = List.of(argv.getFirst().split("\\s+"));
            }
            return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
