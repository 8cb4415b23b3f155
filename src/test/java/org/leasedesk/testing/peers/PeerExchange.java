package org.leasedesk.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.leasedesk.testing.netns.CapturedDatagram;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.netns.PacketCapture;

/**
 * One DISCOVER-OFFER-REQUEST-ACK between a real client and a real server, each in its own
 * namespace on a veth link, captured on both sides: on the client's interface (Ethernet frames)
 * and on every interface of the server's namespace ({@code -i any}, Linux cooked frames).
 *
 * @param clientPcap the capture file of the client's interface, in the lab directory
 * @param serverPcap the capture file of the server's namespace, in the lab directory
 * @param clientSide datagrams seen on the client's interface, in order
 * @param serverSide datagrams seen in the server's namespace, in order
 */
public record PeerExchange(ClientPeer client, ServerPeer server, StartedPeer clientRun, StartedPeer serverRun,
                           Path clientPcap, Path serverPcap,
                           List<CapturedDatagram> clientSide, List<CapturedDatagram> serverSide) {

    public static final String SERVER_INTERFACE = "srv0";
    public static final String CLIENT_INTERFACE = "cli0";

    /** Long enough for one retransmission (4 s) should the first DISCOVER be lost. */
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Runs the exchange in {@code lab} and returns once the client side has seen the ACK. The
     * client, server and captures are stopped before returning; their logs stay in the lab.
     *
     * @param clientMac the client interface's MAC, so chaddr is known in advance
     */
    public static PeerExchange run(NetworkLab lab, ClientPeer client, ServerPeer server, ServedSubnet subnet, String clientMac) {
        Namespace serverSpace = lab.namespace("server");
        Namespace clientSpace = lab.namespace("client");
        lab.link(serverSpace.iface(SERVER_INTERFACE).withAddress(subnet.serverAddressWithPrefix()),
                clientSpace.iface(CLIENT_INTERFACE).withMac(clientMac));
        try (PacketCapture clientCapture = clientSpace.capture(CLIENT_INTERFACE);
                PacketCapture serverCapture = serverSpace.capture("any")) {
            StartedPeer serverRun = server.start(serverSpace, SERVER_INTERFACE, subnet);
            StartedPeer clientRun = client.start(clientSpace, CLIENT_INTERFACE);
            try {
                clientCapture.awaitDatagrams(seen -> find(seen, MessageTypePeek.ACK).isPresent(), EXCHANGE_TIMEOUT);
                // The server side saw the ACK leave before the client side saw it arrive.
                serverCapture.awaitDatagrams(seen -> find(seen, MessageTypePeek.ACK).isPresent(), EXCHANGE_TIMEOUT);
            } catch (IllegalStateException incomplete) {
                throw new IllegalStateException(client + " and " + server + " did not complete an exchange\n--- "
                        + server + " ---\n" + serverRun.process().output() + "\n--- " + client + " ---\n"
                        + clientRun.process().output(), incomplete);
            } finally {
                clientRun.process().close();
                serverRun.process().close();
            }
            return new PeerExchange(client, server, clientRun, serverRun, clientCapture.file(), serverCapture.file(),
                    clientCapture.stop(), serverCapture.stop());
        }
    }

    /** The first datagram of a message type seen on the client's interface. */
    public CapturedDatagram first(int messageType) {
        return find(clientSide, messageType).orElseThrow(() -> new IllegalStateException(
                "no " + MessageTypePeek.name(messageType) + " between " + client + " and " + server + " in " + clientSide));
    }

    private static Optional<CapturedDatagram> find(List<CapturedDatagram> datagrams, int messageType) {
        return datagrams.stream()
                .filter(datagram -> MessageTypePeek.messageType(datagram.payload()).orElse(-1) == messageType)
                .findFirst();
    }
}
