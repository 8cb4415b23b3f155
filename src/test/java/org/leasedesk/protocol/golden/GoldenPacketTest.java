package org.leasedesk.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.MessageType;

/**
 * The codec against packets real peers sent (see the README next to the files). Expected values
 * were read from the captures with tcpdump -vv, not from our decoder.
 */
class GoldenPacketTest {

    private static final Inet4Address SERVER = ip("192.0.2.1");

    private final DhcpCodec codec = new DhcpCodec();

    static Stream<String> goldenFiles() {
        return Stream.of(GoldenScenario.values()).flatMap(scenario -> scenario.goldenFiles().keySet().stream());
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void reencodesByteForByte(String file) throws MalformedPacketException {
        byte[] received = GoldenFiles.read(file);

        assertThat(codec.encode(codec.decode(received))).containsExactly(received);
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void keepsItsMeaningWhenLaidOutAfresh(String file) throws MalformedPacketException {
        DhcpMessage received = decode(file);

        byte[] fresh = codec.encode(received.toBuilder().withoutWireLayout().build());

        assertThat(codec.decode(fresh)).isEqualTo(received);
    }

    // ---- ISC dhclient and dnsmasq ----

    @Test
    void dhclientDiscoverSendsItsHostNameAndDebiansRequestList() throws MalformedPacketException {
        DhcpMessage discover = decode("dhclient-discover.bin");

        assertClientMessage(discover, MessageType.DISCOVER, 0xf640ff39, "00:00:5e:00:53:01");
        assertThat(optionCodes(discover)).containsExactly(53, 12, 55);
        assertThat(discover.hostName()).contains("vm");
        assertThat(discover.parameterRequestList()).containsExactly(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42);
        assertThat(discover.requestedAddress()).isEmpty();
        assertThat(discover.serverIdentifier()).isEmpty();
    }

    @Test
    void dnsmasqOfferCarriesLeaseRenewalAndRebindingTimes() throws MalformedPacketException {
        DhcpMessage offer = decode("dnsmasq-offer.bin");

        assertServerReply(offer, MessageType.OFFER, 0xf640ff39, "00:00:5e:00:53:01", "192.0.2.101");
        assertThat(optionCodes(offer)).containsExactly(53, 54, 51, 58, 59, 1, 28, 3);
        assertThat(offer.siaddr()).as("dnsmasq names itself next server").isEqualTo(SERVER);
        assertThat(offer.leaseTime()).hasValue(3600);
        assertThat(offer.renewalTime()).hasValue(1800);
        assertThat(offer.rebindingTime()).hasValue(3150);
        assertThat(offer.subnetMask()).contains(ip("255.255.255.0"));
        assertThat(offer.broadcastAddress()).contains(ip("192.0.2.255"));
        assertThat(offer.routers()).containsExactly(SERVER);
    }

    @Test
    void dhclientRequestSelectsTheOfferedAddressFromThatServer() throws MalformedPacketException {
        DhcpMessage request = decode("dhclient-request.bin");

        assertClientMessage(request, MessageType.REQUEST, 0xf640ff39, "00:00:5e:00:53:01");
        assertThat(optionCodes(request)).containsExactly(53, 54, 50, 12, 55);
        assertThat(request.serverIdentifier()).contains(SERVER);
        assertThat(request.requestedAddress()).contains(ip("192.0.2.101"));
        assertThat(request.ciaddr()).as("SELECTING: ciaddr stays zero").isEqualTo(ip("0.0.0.0"));
    }

    @Test
    void dnsmasqAckEchoesTheClientsHostName() throws MalformedPacketException {
        DhcpMessage ack = decode("dnsmasq-ack.bin");

        assertServerReply(ack, MessageType.ACK, 0xf640ff39, "00:00:5e:00:53:01", "192.0.2.101");
        assertThat(optionCodes(ack)).containsExactly(53, 54, 51, 58, 59, 1, 28, 3, 12);
        assertThat(ack.leaseTime()).hasValue(3600);
        assertThat(ack.hostName()).contains("vm");
    }

    // ---- busybox udhcpc and Kea ----

    @Test
    void udhcpcDiscoverNamesItselfAndUsesItsMacAsClientId() throws MalformedPacketException {
        DhcpMessage discover = decode("udhcpc-discover.bin");

        assertClientMessage(discover, MessageType.DISCOVER, 0x38181b16, "00:00:5e:00:53:02");
        assertThat(optionCodes(discover)).containsExactly(53, 57, 55, 60, 61);
        assertThat(discover.maxMessageSize()).hasValue(576);
        assertThat(discover.parameterRequestList()).containsExactly(1, 3, 6, 12, 15, 28, 42);
        assertThat(discover.vendorClassIdentifier()).contains("udhcp 1.35.0");
        assertThat(discover.clientIdentifier()).hasValueSatisfying(id -> assertThat(id).containsExactly(hex("0100005e005302")));
    }

    @Test
    void keaOfferEchoesTheClientIdAndNamesNoNextServer() throws MalformedPacketException {
        DhcpMessage offer = decode("kea-offer.bin");

        assertServerReply(offer, MessageType.OFFER, 0x38181b16, "00:00:5e:00:53:02", "192.0.2.100");
        assertThat(optionCodes(offer)).containsExactly(53, 1, 3, 51, 54, 61);
        assertThat(offer.siaddr()).isEqualTo(ip("0.0.0.0"));
        assertThat(offer.leaseTime()).hasValue(3600);
        assertThat(offer.renewalTime()).as("Kea 2.2 sends no T1 unless configured").isEmpty();
        assertThat(offer.clientIdentifier()).hasValueSatisfying(id -> assertThat(id).containsExactly(hex("0100005e005302")));
    }

    @Test
    void udhcpcRequestSelectsKeasOffer() throws MalformedPacketException {
        DhcpMessage request = decode("udhcpc-request.bin");

        assertClientMessage(request, MessageType.REQUEST, 0x38181b16, "00:00:5e:00:53:02");
        assertThat(optionCodes(request)).containsExactly(53, 50, 54, 57, 55, 60, 61);
        assertThat(request.requestedAddress()).contains(ip("192.0.2.100"));
        assertThat(request.serverIdentifier()).contains(SERVER);
    }

    @Test
    void keaAckBindsTheRequestedAddress() throws MalformedPacketException {
        DhcpMessage ack = decode("kea-ack.bin");

        assertServerReply(ack, MessageType.ACK, 0x38181b16, "00:00:5e:00:53:02", "192.0.2.100");
        assertThat(optionCodes(ack)).containsExactly(53, 1, 3, 51, 54, 61);
        assertThat(ack.leaseTime()).hasValue(3600);
        assertThat(ack.subnetMask()).contains(ip("255.255.255.0"));
        assertThat(ack.routers()).containsExactly(SERVER);
        assertThat(codec.encode(ack)).as("Kea does not pad to 300 bytes").hasSize(277);
    }

    // ---- dhcpcd ----

    @Test
    void dhcpcdDiscoverOffersRapidCommitAndAnRfc4361ClientId() throws MalformedPacketException {
        DhcpMessage discover = decode("dhcpcd-discover.bin");

        assertClientMessage(discover, MessageType.DISCOVER, 0x40e45cfa, "00:00:5e:00:53:03");
        assertThat(optionCodes(discover)).containsExactly(53, 55, 57, 61, 80, 116, 145);
        assertThat(discover.parameterRequestList()).containsExactly(1, 121, 3, 6, 12, 15, 26, 28, 33, 51, 54, 58, 59, 119);
        assertThat(discover.maxMessageSize()).hasValue(1472);
        assertThat(discover.raw(80)).as("rapid commit is empty").hasValueSatisfying(value -> assertThat(value).isEmpty());
        assertThat(discover.raw(116)).hasValueSatisfying(value -> assertThat(value).containsExactly(1));
        // Type 255, IAID from the MAC's last four bytes, then a DUID-LLT (type 1, Ethernet, time, MAC).
        assertThat(discover.clientIdentifier()).hasValueSatisfying(id -> assertThat(id)
                .containsExactly(hex("ff5e005303" + "00010001" + "3296ed14" + "00005e005303")));
    }

    @Test
    void dhcpcdRequestPutsTheRequestedAddressFirst() throws MalformedPacketException {
        DhcpMessage request = decode("dhcpcd-request.bin");

        assertClientMessage(request, MessageType.REQUEST, 0x40e45cfa, "00:00:5e:00:53:03");
        assertThat(optionCodes(request)).containsExactly(50, 53, 54, 55, 57, 61, 145);
        assertThat(request.requestedAddress()).contains(ip("192.0.2.100"));
        assertThat(request.serverIdentifier()).contains(SERVER);
    }

    private DhcpMessage decode(String file) throws MalformedPacketException {
        return codec.decode(GoldenFiles.read(file));
    }

    private static void assertClientMessage(DhcpMessage message, MessageType type, int xid, String mac) {
        assertThat(message.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
        assertCommonFields(message, type, xid, mac);
        assertThat(message.yiaddr()).isEqualTo(ip("0.0.0.0"));
    }

    private static void assertServerReply(DhcpMessage message, MessageType type, int xid, String mac, String yiaddr) {
        assertThat(message.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertCommonFields(message, type, xid, mac);
        assertThat(message.yiaddr()).isEqualTo(ip(yiaddr));
        assertThat(message.serverIdentifier()).contains(SERVER);
    }

    private static void assertCommonFields(DhcpMessage message, MessageType type, int xid, String mac) {
        assertThat(message.messageType()).contains(type);
        assertThat(message.xid()).isEqualTo(xid);
        assertThat(message.htype()).isEqualTo(DhcpMessage.HTYPE_ETHERNET);
        assertThat(message.hardwareAddress()).isEqualTo(HardwareAddress.parse(mac));
        assertThat(message.broadcast()).as("no peer asked for broadcast replies").isFalse();
        assertThat(message.giaddr()).isEqualTo(ip("0.0.0.0"));
    }

    private static List<Integer> optionCodes(DhcpMessage message) {
        return message.options().stream().map(DhcpOption::code).toList();
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    private static Inet4Address ip(String dottedQuad) {
        try {
            return (Inet4Address) InetAddress.getByName(dottedQuad); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dottedQuad, e);
        }
    }
}
