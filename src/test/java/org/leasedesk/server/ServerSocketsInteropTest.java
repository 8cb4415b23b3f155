package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.testing.netns.CapturedDatagram;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.netns.PacketCapture;

/** How the server holds its port and reaches clients, on a real link in namespaces. */
class ServerSocketsInteropTest {

    private static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 600,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ] } ] } }
            """;
    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("192.0.2.1");
    private static final String CLIENT_MAC = "00:00:5e:00:53:61";

    @Test
    @NetnsTest(requires = "tcpdump")
    void anOfferToAClientThatAskedForUnicastIsFramedForItsHardwareAddress(NetworkLab lab) throws Exception {
        Namespace serverSpace = lab.namespace("server");
        Namespace clientSpace = lab.namespace("client");
        // The client's interface has an address only so a UDP socket can send a broadcast; it does not
        // answer ARP for the address it is offered, so only a frame built for its MAC reaches it.
        lab.link(serverSpace.iface("srv0").withAddress(SERVER_ID + "/24"),
                clientSpace.iface("cli0").withAddress("192.0.2.250/24").withMac(CLIENT_MAC));

        try (ServerInNamespace server = ServerInNamespace.start(serverSpace, CONFIG, lab.file("leases"), SERVER_ID, "srv0");
             PacketCapture capture = clientSpace.capture("cli0");
             DatagramChannel client = clientSpace.callInside(() -> {
                 DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                 channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                 channel.bind(new InetSocketAddress("192.0.2.250", 68));
                 return channel;
             })) {
            DhcpMessage discover = DhcpMessage.discover(HardwareAddress.parse(CLIENT_MAC), 0x5151).broadcast(false).build();
            client.send(ByteBuffer.wrap(new DhcpCodec().encode(discover, 576)), new InetSocketAddress("255.255.255.255", 67));

            List<CapturedDatagram> seen = capture.awaitDatagrams(datagrams -> datagrams.stream().anyMatch(this::isOffer),
                    Duration.ofSeconds(5));
            CapturedDatagram offer = seen.stream().filter(this::isOffer).findFirst().orElseThrow();
            DhcpMessage decoded = new DhcpCodec().decode(offer.payload());
            assertThat(offer.destination()).isEqualTo(new InetSocketAddress(decoded.yiaddr(), 68));
            assertThat(offer.source()).isEqualTo(new InetSocketAddress(SERVER_ID.toInetAddress(), 67));
        }
    }

    private boolean isOffer(CapturedDatagram datagram) {
        try {
            return datagram.source().getPort() == 67 && new DhcpCodec().decode(datagram.payload()).messageType().orElse(null) == MessageType.OFFER;
        } catch (Exception notDhcp) {
            return false;
        }
    }

    @Test
    @NetnsTest
    void aSecondServerOnTheSamePortIsRefusedNamingThePortAndItsHolder(NetworkLab lab) throws Exception {
        Namespace serverSpace = lab.namespace("server");
        Namespace other = lab.namespace("other");
        lab.link(serverSpace.iface("srv0").withAddress(SERVER_ID + "/24"), other.iface("oth0"));

        try (ServerInNamespace first = ServerInNamespace.start(serverSpace, CONFIG, lab.file("first"), SERVER_ID, "srv0")) {
            assertThatThrownBy(() -> ServerInNamespace.start(serverSpace, CONFIG, lab.file("second"), SERVER_ID, "srv0"))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("UDP port 67 is already in use by process " + ProcessHandle.current().pid());
        }
        // Once the first has stopped, the port is free again.
        ServerInNamespace.start(serverSpace, CONFIG, lab.file("third"), SERVER_ID, "srv0").close();
    }
}
