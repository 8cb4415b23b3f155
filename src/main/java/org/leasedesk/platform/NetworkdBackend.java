package org.leasedesk.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd-networkd. {@code networkctl renew IF} renews. networkd has no release command: the
 * honest equivalent is {@code networkctl down IF}, after which networkd sends a DHCPRELEASE
 * (SendRelease= defaults to yes) and drops the address; the link stays down until renew brings it
 * up again. The lease is read from networkd's state file {@code /run/systemd/netif/leases/INDEX}.
 */
final class NetworkdBackend extends CommandBackend {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkdBackend.class);
    private static final KeyValueLease.Keys KEYS = new KeyValueLease.Keys("ADDRESS", "SERVER_ADDRESS", "LIFETIME", "T1", "T2", "");

    private final Path leases;
    private final ToIntFunction<InterfaceName> indexOf;

    NetworkdBackend(CommandRunner runner, Path leases, ToIntFunction<InterfaceName> indexOf) {
        super(runner);
        this.leases = leases;
        this.indexOf = indexOf;
    }

    @Override
    public String name() {
        return "systemd-networkd";
    }

    @Override
    public String releaseDescription() {
        return "systemd-networkd has no release command: LeaseDesk takes the link down (networkctl down), networkd sends"
                + " a DHCPRELEASE and drops the address, and the link stays down until Renew.";
    }

    @Override
    public String renewDescription() {
        return "networkctl up, then networkctl renew: networkd renews its lease (and brings the link back if it was released).";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(List.of("networkctl", "down", interfaceName.value()));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(List.of("networkctl", "up", interfaceName.value()), List.of("networkctl", "renew", interfaceName.value()));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        Path file = leases.resolve(Integer.toString(indexOf.applyAsInt(interfaceName)));
        try {
            return parseLeaseFile(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read networkd's lease {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** networkd's lease file: {@code ADDRESS=192.0.2.103}, {@code SERVER_ADDRESS=...}, {@code T1=...}. */
    static Optional<BackendLease> parseLeaseFile(String text) {
        return KeyValueLease.lease(KeyValueLease.fields(text, "="), KEYS);
    }
}
