package org.leasedesk.differential;

import java.net.Inet4Address;
import java.util.List;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetworkLab;

/**
 * The network both servers are tested in, built once per test class:
 *
 * <pre>
 *   client ns                    server ns                             relay ns
 *   cli0 (no address) ── tocli ─┐                              ┌─ torly ── rly0 192.0.2.2/24
 *                               br0 192.0.2.1/24  (the server) ┘           lo: local 203.0.113.0/24,
 *                               routes 203.0.113.0/24, 198.18.0.0/15           local 198.18.0.0/15
 *                                      via 192.0.2.2
 * </pre>
 *
 * <p>The server has one interface, a bridge, like a server with one NIC: direct clients and the
 * relay share its segment. That is deliberate. Kea's raw socket accepts only broadcasts and
 * unicasts to the receiving interface's own address, and names that address as server
 * identifier; with a second server interface for the relay, Kea would say 198.51.100.1 to relayed
 * clients where LeaseDesk (one configured identifier) says 192.0.2.1. Serving several interfaces
 * is a later issue; it gets a topology of its own.
 *
 * <p>Every address of the relayed prefixes is local in the relay namespace (a {@code local} route
 * on lo), so a relay agent can use any of them as giaddr and a relayed client can renew from any
 * address it was given, with no per-scenario set-up; replies to them are routed there.
 */
final class Topology {

    static final String SERVER_INTERFACE = "br0";
    static final Inet4Address SERVER = Addresses.parse("192.0.2.1");
    static final HardwareAddress SERVER_MAC = HardwareAddress.parse("02:00:00:00:00:01");
    static final Inet4Address RELAY = Addresses.parse("192.0.2.2");
    static final HardwareAddress RELAY_MAC = HardwareAddress.parse("02:00:00:00:00:02");
    static final HardwareAddress CLIENT_LINK_MAC = HardwareAddress.parse("02:00:00:00:00:03");
    static final List<String> RELAYED_PREFIXES = List.of("203.0.113.0/24", "198.18.0.0/15");

    private final NetworkLab lab;
    private final Namespace server;
    private final Namespace client;
    private final Namespace relay;

    private Topology(NetworkLab lab, Namespace server, Namespace client, Namespace relay) {
        this.lab = lab;
        this.server = server;
        this.client = client;
        this.relay = relay;
    }

    static Topology build(NetworkLab lab) {
        Namespace server = lab.namespace("server");
        Namespace client = lab.namespace("client");
        Namespace relay = lab.namespace("relay");
        for (Namespace namespace : List.of(server, client, relay)) {
            // No IPv6 chatter (router solicitations, DAD) on the links.
            namespace.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6;"
                    + " echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6").orThrow();
        }
        server.exec("ip", "link", "add", SERVER_INTERFACE, "address", SERVER_MAC.toString(), "type", "bridge",
                "stp_state", "0", "forward_delay", "0").orThrow();
        lab.link(server.iface("tocli"), client.iface("cli0").withMac(CLIENT_LINK_MAC.toString()));
        lab.link(server.iface("torly"), relay.iface("rly0").withMac(RELAY_MAC.toString()).withAddress(RELAY.getHostAddress() + "/24"));
        server.exec("ip", "link", "set", "tocli", "master", SERVER_INTERFACE).orThrow();
        server.exec("ip", "link", "set", "torly", "master", SERVER_INTERFACE).orThrow();
        server.exec("ip", "address", "add", SERVER.getHostAddress() + "/24", "dev", SERVER_INTERFACE).orThrow();
        server.exec("ip", "link", "set", SERVER_INTERFACE, "up").orThrow();
        for (String prefix : RELAYED_PREFIXES) {
            server.exec("ip", "route", "add", prefix, "via", RELAY.getHostAddress()).orThrow();
            relay.exec("ip", "route", "add", "local", prefix, "dev", "lo").orThrow();
        }
        client.exec("ip", "link", "set", "cli0", "promisc", "on").orThrow();
        awaitRunning(server, SERVER_INTERFACE);
        return new Topology(lab, server, client, relay);
    }

    /**
     * A new bridge carries traffic only once a port forwards; until then Kea finds it "not running"
     * and opens no socket (seen on a loaded machine: the first group's Kea answered nothing).
     */
    private static void awaitRunning(Namespace namespace, String interfaceName) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!namespace.exec("ip", "-o", "link", "show", interfaceName).orThrow().stdout().contains("state UP")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(interfaceName + " in " + namespace + " did not come up within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + interfaceName, e);
            }
        }
    }

    NetworkLab lab() {
        return lab;
    }

    Namespace server() {
        return server;
    }

    Namespace client() {
        return client;
    }

    Namespace relay() {
        return relay;
    }

    /** Forgets the server namespace's ARP entries, so one server's run never inherits the last one's. */
    void forgetNeighbours() {
        server.exec("ip", "neigh", "flush", "all").orThrow();
    }
}
