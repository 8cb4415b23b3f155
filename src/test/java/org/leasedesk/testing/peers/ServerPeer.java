package org.leasedesk.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.leasedesk.testing.netns.BackgroundProcess;
import org.leasedesk.testing.netns.Namespace;

/**
 * DHCP servers from Debian, started in a namespace to serve one interface. Each keeps its lease
 * file and logs in the lab directory and logs every exchange, so a failing test shows why.
 */
public enum ServerPeer {

    /** dnsmasq with DNS off; --no-ping skips the 3 s ICMP probe before each OFFER. */
    DNSMASQ("dnsmasq", "DHCP, sockets bound exclusively to interface") {
        @Override
        StartedPeer launch(Namespace namespace, String interfaceName, ServedSubnet subnet) {
            Path leases = namespace.lab().file("dnsmasq-" + interfaceName + ".leases");
            BackgroundProcess process = namespace.start("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0",
                    "--no-ping", "--log-dhcp", "--pid-file=", "--bind-interfaces", "--interface=" + interfaceName,
                    "--dhcp-range=" + subnet.poolFirst() + "," + subnet.poolLast() + "," + subnet.netmask() + ","
                            + subnet.leaseSeconds(),
                    "--dhcp-leasefile=" + leases);
            return new StartedPeer(process, List.of());
        }
    },

    /**
     * ISC dhcpd in the foreground, authoritative (it NAKs requests for addresses that are not
     * its to give), with dhcp-cache-threshold 0 so every renewal is written to its lease file (by
     * default dhcpd answers renewals within a quarter of the lease from a cache and writes nothing),
     * and without the ICMP probe before each offer, which outlasts a test client's first retransmission.
     */
    DHCPD("dhcpd", "Server starting service.") {
        @Override
        StartedPeer launch(Namespace namespace, String interfaceName, ServedSubnet subnet) {
            Path config = namespace.lab().writeFile("dhcpd-" + interfaceName + ".conf", """
                    authoritative;
                    ddns-update-style none;
                    dhcp-cache-threshold 0;
                    ping-check false;
                    default-lease-time %d;
                    max-lease-time %d;
                    subnet %s netmask %s {
                      range %s %s;
                      option routers %s;
                    }
                    """.formatted(subnet.leaseSeconds(), subnet.leaseSeconds(), subnet.cidr().substring(0, subnet.cidr().indexOf('/')),
                    subnet.netmask(), subnet.poolFirst(), subnet.poolLast(), subnet.serverAddress()));
            Path leases = namespace.lab().writeFile("dhcpd-" + interfaceName + ".leases", "");
            BackgroundProcess process = namespace.start("dhcpd", "-4", "-f", "-d", "-cf", config.toString(), "-lf", leases.toString(),
                    "-pf", namespace.lab().file("dhcpd-" + interfaceName + ".pid").toString(), interfaceName);
            return new StartedPeer(process, List.of(config));
        }
    },

    /** Kea's DHCPv4 server with a memfile lease store, and its pid and lock files kept in the lab. */
    KEA("kea-dhcp4", "DHCP4_STARTED") {
        @Override
        StartedPeer launch(Namespace namespace, String interfaceName, ServedSubnet subnet) {
            return launchKea(namespace, interfaceName, """
                    "valid-lifetime": %d,
                    "subnet4": [
                      {
                        "id": 1,
                        "subnet": "%s",
                        "pools": [ { "pool": "%s - %s" } ],
                        "option-data": [ { "name": "routers", "data": "%s" } ]
                      }
                    ]
                    """.formatted(subnet.leaseSeconds(), subnet.cidr(), subnet.poolFirst(), subnet.poolLast(), subnet.serverAddress()));
        }
    };

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final String command;
    private final String readyMarker;

    ServerPeer(String command, String readyMarker) {
        this.command = command;
        this.readyMarker = readyMarker;
    }

    /** The executable, for {@code @NetnsTest(requires = ...)}. */
    public String command() {
        return command;
    }

    /** Starts the server on {@code interfaceName} and returns once it is serving. */
    public StartedPeer start(Namespace namespace, String interfaceName, ServedSubnet subnet) {
        StartedPeer started = launch(namespace, interfaceName, subnet);
        started.process().awaitOutput(readyMarker, START_TIMEOUT);
        return started;
    }

    /**
     * Starts Kea on {@code interfaceName} with what it hands out written by the caller, and returns
     * once it is serving. A test that gives our server a Kea-style configuration can give Kea the same
     * one, as a control.
     *
     * @param dhcp4Members members of the {@code Dhcp4} object ({@code "subnet4": [...]}, lifetimes,
     *     reservations), without {@code interfaces-config}, {@code lease-database} and {@code loggers},
     *     which this adds: the interface, a lease file in the lab (emptied first: every start begins
     *     with no leases) and INFO to standard output
     */
    public static StartedPeer startKea(Namespace namespace, String interfaceName, String dhcp4Members) {
        StartedPeer started = launchKea(namespace, interfaceName, dhcp4Members);
        started.process().awaitOutput(KEA.readyMarker, START_TIMEOUT);
        return started;
    }

    abstract StartedPeer launch(Namespace namespace, String interfaceName, ServedSubnet subnet);

    private static StartedPeer launchKea(Namespace namespace, String interfaceName, String dhcp4Members) {
        Path leases = namespace.lab().file("kea-leases4-" + interfaceName + ".csv");
        try {
            Files.deleteIfExists(leases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path config = namespace.lab().writeFile("kea-dhcp4-" + interfaceName + ".json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 },
                    "loggers": [
                      { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] }
                    ],
                %s
                  }
                }
                """.formatted(interfaceName, leases, dhcp4Members.strip().indent(4).stripTrailing()));
        String labDirectory = namespace.lab().directory().toString();
        // Kea's pid file defaults to /run/kea, shared with a Kea the host may run: keep ours apart.
        BackgroundProcess process = namespace.start("env", "KEA_PIDFILE_DIR=" + labDirectory,
                "KEA_LOCKFILE_DIR=" + labDirectory, "kea-dhcp4", "-c", config.toString());
        return new StartedPeer(process, List.of(config));
    }
}
