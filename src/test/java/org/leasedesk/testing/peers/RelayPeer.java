package org.leasedesk.testing.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.leasedesk.testing.netns.BackgroundProcess;
import org.leasedesk.testing.netns.Namespace;

/**
 * ISC's DHCPv4 relay agent, {@code dhcrelay} from Debian's isc-dhcp-relay, in the foreground. It
 * takes the broadcasts of clients on its downstream interfaces, sets giaddr to the first IPv4
 * address of the interface a request arrived on, and unicasts the request to every server; a
 * server's reply to giaddr goes back down to the client.
 *
 * <p>It listens with packet sockets (LPF), so it sees every datagram to UDP port 67 that reaches a
 * downstream interface, not only broadcasts: a renewing client's unicast REQUEST to the server,
 * merely routed through the relay's host, is relayed as well (a copy with giaddr set). A server
 * behind it therefore gets each unicast renewal twice, once forwarded by the router and once
 * relayed, and a test that means the unicast must look at giaddr.
 */
public final class RelayPeer {

    /** The executable, for {@code @NetnsTest(requires = ...)}. */
    public static final String COMMAND = "dhcrelay";

    /** Printed with {@code -d} once every interface is open; dhcrelay relays from then on. */
    private static final String READY_MARKER = "Sending on   Socket/fallback";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private RelayPeer() {}

    /**
     * Starts dhcrelay in {@code namespace} and returns once it relays.
     *
     * @param upstream interfaces replies from servers arrive on ({@code -iu})
     * @param downstream interfaces clients' requests arrive on ({@code -id}); each needs an IPv4
     *     address, the first of which becomes giaddr
     * @param servers the servers' addresses, dotted quads
     */
    public static StartedPeer start(Namespace namespace, List<String> upstream, List<String> downstream, List<String> servers) {
        if (upstream.isEmpty() || downstream.isEmpty() || servers.isEmpty()) {
            throw new IllegalArgumentException("dhcrelay needs an upstream and a downstream interface and a server");
        }
        // No pid file: the default, /run/dhcrelay.pid, is the host's.
        List<String> command = new ArrayList<>(List.of(COMMAND, "-4", "-d", "--no-pid"));
        upstream.forEach(name -> command.addAll(List.of("-iu", name)));
        downstream.forEach(name -> command.addAll(List.of("-id", name)));
        command.addAll(servers);
        BackgroundProcess process = namespace.start(command.toArray(String[]::new));
        process.awaitOutput(READY_MARKER, START_TIMEOUT);
        return new StartedPeer(process, List.of());
    }
}
