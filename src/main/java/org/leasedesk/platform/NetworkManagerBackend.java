package org.leasedesk.platform;

import java.util.List;
import java.util.Optional;

/**
 * NetworkManager. It has no DHCP release or renew of its own: release disconnects the device
 * ({@code nmcli device disconnect IF}; NetworkManager sends a DHCPRELEASE only when the connection
 * sets ipv4.dhcp-send-release), and renew activates it again ({@code nmcli device connect IF}),
 * which restarts its DHCP client so it asks the server again. The lease comes from
 * {@code nmcli -t -f DHCP4 device show IF}.
 */
final class NetworkManagerBackend extends CommandBackend {

    private static final KeyValueLease.Keys KEYS = new KeyValueLease.Keys("ip_address", "dhcp_server_identifier",
            "dhcp_lease_time", "dhcp_renewal_time", "dhcp_rebinding_time", "expiry");

    NetworkManagerBackend(CommandRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "NetworkManager";
    }

    @Override
    public String releaseDescription() {
        return "NetworkManager has no release: LeaseDesk disconnects the device (nmcli device disconnect); the server is"
                + " told only if the connection sets ipv4.dhcp-send-release, and the device stays down until Renew.";
    }

    @Override
    public String renewDescription() {
        return "NetworkManager has no renew: LeaseDesk reconnects the device (nmcli device connect), which restarts its"
                + " DHCP client and asks the server again.";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(List.of("nmcli", "device", "disconnect", interfaceName.value()));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(List.of("nmcli", "device", "connect", interfaceName.value()));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        CommandOutput shown = runner.run(List.of("nmcli", "-t", "-f", "DHCP4", "device", "show", interfaceName.value()), TIMEOUT);
        return shown.succeeded() ? parseDhcp4(shown.stdout()) : Optional.empty();
    }

    /** Lines such as {@code DHCP4.OPTION[5]:ip_address = 192.0.2.23}. */
    static Optional<BackendLease> parseDhcp4(String text) {
        StringBuilder options = new StringBuilder();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("DHCP4.OPTION") && colon > 0) {
                options.append(line.substring(colon + 1)).append('\n');
            }
        }
        return KeyValueLease.lease(KeyValueLease.fields(options.toString(), " = "), KEYS);
    }
}
