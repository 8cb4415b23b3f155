package org.leasedesk.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import java.time.Duration;

/**
 * macOS, through configd's {@code ipconfig}. Renew is {@code ipconfig set IF DHCP}: configd starts
 * DHCP on the interface again and asks for the address it holds. ipconfig has no release command;
 * the matching step is {@code ipconfig set IF NONE}, which removes the interface's IPv4
 * configuration (macOS decides whether a DHCPRELEASE is sent). The lease is read from the last ACK,
 * {@code ipconfig getpacket IF}.
 */
final class MacOsBackend extends CommandBackend {

    MacOsBackend(CommandRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "macOS configd";
    }

    @Override
    public String releaseDescription() {
        return "macOS has no release command: LeaseDesk removes the interface's IPv4 configuration (ipconfig set IF NONE),"
                + " which drops the address until Renew.";
    }

    @Override
    public String renewDescription() {
        return "ipconfig set IF DHCP: configd runs DHCP on the interface again and asks for the address it held.";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(List.of("ipconfig", "set", interfaceName.value(), "NONE"));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(List.of("ipconfig", "set", interfaceName.value(), "DHCP"));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        CommandOutput packet = runner.run(List.of("ipconfig", "getpacket", interfaceName.value()), TIMEOUT);
        return packet.succeeded() ? parsePacket(packet.stdout()) : Optional.empty();
    }

    /**
     * {@code ipconfig getpacket}: header lines {@code yiaddr = 192.0.2.23}, then options such as
     * {@code server_identifier (ip): 192.0.2.1} and {@code lease_time (uint32): 0x15180}.
     */
    static Optional<BackendLease> parsePacket(String text) {
        Ipv4Address address = null;
        Optional<Ipv4Address> server = Optional.empty();
        Optional<Duration> lease = Optional.empty();
        Optional<Duration> t1 = Optional.empty();
        Optional<Duration> t2 = Optional.empty();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            try {
                if (trimmed.startsWith("yiaddr = ")) {
                    address = Ipv4Address.parse(trimmed.substring("yiaddr = ".length()).strip());
                } else if (trimmed.startsWith("server_identifier (ip):")) {
                    server = Optional.of(Ipv4Address.parse(valueOf(trimmed)));
                } else if (trimmed.startsWith("lease_time (uint32):")) {
                    lease = Optional.of(seconds(valueOf(trimmed)));
                } else if (trimmed.startsWith("renewal_t1_time_value (uint32):")) {
                    t1 = Optional.of(seconds(valueOf(trimmed)));
                } else if (trimmed.startsWith("rebinding_t2_time_value (uint32):")) {
                    t2 = Optional.of(seconds(valueOf(trimmed)));
                }
            } catch (IllegalArgumentException unreadable) {
                // One unreadable line leaves the rest of the packet usable.
            }
        }
        if (address == null || address.equals(Ipv4Address.ANY)) {
            return Optional.empty();
        }
        return Optional.of(new BackendLease(address, server, lease, t1, t2, Optional.empty(), Optional.empty()));
    }

    private static String valueOf(String line) {
        return line.substring(line.indexOf("):") + 2).strip();
    }

    /** ipconfig prints uint32 options in hex ({@code 0x15180}); older versions in decimal. */
    private static Duration seconds(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return Duration.ofSeconds(lower.startsWith("0x") ? Long.parseLong(lower.substring(2), 16) : Long.parseLong(lower));
    }
}
