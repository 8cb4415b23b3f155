package org.leasedesk.protocol.golden;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.MessageTypePeek;
import org.leasedesk.testing.peers.ServerPeer;

/**
 * The exchanges the golden packets come from. Each client gets its own MAC from the
 * documentation block 00-00-5E-00-53-00/24 (RFC 7042), so chaddr is known and never a real device.
 * Server replies are kept once per server; the third exchange is there for dhcpcd's requests.
 */
enum GoldenScenario {
    DHCLIENT_DNSMASQ(ClientPeer.DHCLIENT, ServerPeer.DNSMASQ, "00:00:5e:00:53:01", true),
    UDHCPC_KEA(ClientPeer.UDHCPC, ServerPeer.KEA, "00:00:5e:00:53:02", true),
    DHCPCD_KEA(ClientPeer.DHCPCD, ServerPeer.KEA, "00:00:5e:00:53:03", false);

    private final ClientPeer client;
    private final ServerPeer server;
    private final String clientMac;
    private final boolean keepsServerReplies;

    GoldenScenario(ClientPeer client, ServerPeer server, String clientMac, boolean keepsServerReplies) {
        this.client = client;
        this.server = server;
        this.clientMac = clientMac;
        this.keepsServerReplies = keepsServerReplies;
    }

    ClientPeer client() {
        return client;
    }

    ServerPeer server() {
        return server;
    }

    String clientMac() {
        return clientMac;
    }

    /** Golden file name to message type, such as {@code dhclient-discover.bin} to DISCOVER, in exchange order. */
    Map<String, Integer> goldenFiles() {
        Map<String, Integer> files = new LinkedHashMap<>();
        files.put(fileName(client.command(), MessageTypePeek.DISCOVER), MessageTypePeek.DISCOVER);
        if (keepsServerReplies) {
            files.put(fileName(serverName(), MessageTypePeek.OFFER), MessageTypePeek.OFFER);
        }
        files.put(fileName(client.command(), MessageTypePeek.REQUEST), MessageTypePeek.REQUEST);
        if (keepsServerReplies) {
            files.put(fileName(serverName(), MessageTypePeek.ACK), MessageTypePeek.ACK);
        }
        return files;
    }

    /** The capture of the client's interface (Ethernet link type). */
    String clientSidePcap() {
        return client.command() + "-" + serverName() + "-client-side.pcap";
    }

    /** The capture of every interface in the server's namespace (Linux cooked SLL2 link type). */
    String serverSidePcap() {
        return client.command() + "-" + serverName() + "-server-side.pcap";
    }

    /** "kea" rather than the executable's "kea-dhcp4": short file names. */
    private String serverName() {
        return server == ServerPeer.KEA ? "kea" : server.command();
    }

    private static String fileName(String peer, int messageType) {
        return peer + "-" + MessageTypePeek.name(messageType) + ".bin";
    }
}
