package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;
import static org.leasedesk.protocol.RawPacket.ip;

import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpMessageTest {

    private static final HardwareAddress MAC = HardwareAddress.parse("00:0c:29:aa:bb:cc");
    private static final int XID = 0x3903f326;

    private final DhcpCodec codec = new DhcpCodec();

    // ---- what a client sends ----

    @Test
    void discoverIsABootRequestWithTheClientsHardwareAddressAndNoAddresses() {
        DhcpMessage m = DhcpMessage.discover(MAC, XID).broadcast(true).build();
        assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.htype()).isEqualTo(DhcpMessage.HTYPE_ETHERNET);
        assertThat(m.hlen()).isEqualTo(6);
        assertThat(m.hardwareAddress()).isEqualTo(MAC);
        assertThat(m.messageType()).contains(MessageType.DISCOVER);
        assertThat(m.broadcast()).isTrue();
        assertThat(m.ciaddr()).isEqualTo(ip("0.0.0.0"));
    }

    @Test
    void requestInSelectingNamesTheOfferedAddressAndTheChosenServer() {
        DhcpMessage m = DhcpMessage.requestSelecting(MAC, XID, ip("192.0.2.10"), ip("192.0.2.1")).build();
        assertThat(m.requestedAddress()).contains(ip("192.0.2.10"));
        assertThat(m.serverIdentifier()).contains(ip("192.0.2.1"));
        assertThat(m.ciaddr()).isEqualTo(ip("0.0.0.0"));
    }

    @Test
    void requestInInitRebootAsksForTheRememberedAddressWithoutAServerIdentifier() {
        DhcpMessage m = DhcpMessage.requestInitReboot(MAC, XID, ip("192.0.2.10")).build();
        assertThat(m.requestedAddress()).contains(ip("192.0.2.10"));
        assertThat(m.serverIdentifier()).isEmpty();
        assertThat(m.ciaddr()).isEqualTo(ip("0.0.0.0"));
    }

    @Test
    void requestWhenRenewingOrRebindingCarriesTheAddressInCiaddrOnly() {
        for (DhcpMessage m : List.of(DhcpMessage.requestRenewing(MAC, XID, ip("192.0.2.10")).build(),
                DhcpMessage.requestRebinding(MAC, XID, ip("192.0.2.10")).build())) {
            assertThat(m.ciaddr()).isEqualTo(ip("192.0.2.10"));
            assertThat(m.requestedAddress()).isEmpty();
            assertThat(m.serverIdentifier()).isEmpty();
        }
    }

    @Test
    void releaseDeclineAndInformCarryWhatRfc2131Asks() {
        DhcpMessage release = DhcpMessage.release(MAC, XID, ip("192.0.2.10"), ip("192.0.2.1")).build();
        assertThat(release.messageType()).contains(MessageType.RELEASE);
        assertThat(release.ciaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(release.serverIdentifier()).contains(ip("192.0.2.1"));

        DhcpMessage decline = DhcpMessage.decline(MAC, XID, ip("192.0.2.10"), ip("192.0.2.1")).build();
        assertThat(decline.requestedAddress()).contains(ip("192.0.2.10"));
        assertThat(decline.ciaddr()).isEqualTo(ip("0.0.0.0"));

        DhcpMessage inform = DhcpMessage.inform(MAC, XID, ip("192.0.2.10")).build();
        assertThat(inform.messageType()).contains(MessageType.INFORM);
        assertThat(inform.ciaddr()).isEqualTo(ip("192.0.2.10"));
    }

    // ---- what a server sends ----

    private DhcpMessage relayedRequest() {
        return DhcpMessage.requestSelecting(MAC, XID, ip("192.0.2.10"), ip("192.0.2.1"))
                .hops(1).giaddr(ip("192.0.2.254")).broadcast(true).clientIdentifier(bytes(1, 0, 0x0c, 0x29, 0xaa, 0xbb, 0xcc))
                .relayAgentInformation(new RelayAgentInformation(List.of(new RelayAgentInformation.SubOption(1, bytes('p', '1')))))
                .build();
    }

    @Test
    void aReplyCopiesTheRequestsIdentityAndRelayFields() {
        DhcpMessage request = relayedRequest();
        DhcpMessage offer = DhcpMessage.offer(request, ip("192.0.2.1"), ip("192.0.2.10"), 3600).build();
        assertThat(offer.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(offer.xid()).isEqualTo(XID);
        assertThat(offer.htype()).isEqualTo(request.htype());
        assertThat(offer.hlen()).isEqualTo(request.hlen());
        assertThat(offer.chaddr()).containsExactly(request.chaddr());
        assertThat(offer.flags()).isEqualTo(request.flags());
        assertThat(offer.giaddr()).isEqualTo(ip("192.0.2.254"));
        assertThat(offer.hops()).isEqualTo(1);
        assertThat(offer.yiaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(offer.ciaddr()).isEqualTo(ip("0.0.0.0"));
        assertThat(offer.leaseTime()).hasValue(3600);
        assertThat(offer.serverIdentifier()).contains(ip("192.0.2.1"));
    }

    @Test
    void aReplyEchoesTheClientIdentifierAndKeepsRelayAgentInformationLast() {
        DhcpMessage request = relayedRequest();
        DhcpMessage ack = DhcpMessage.ack(request, ip("192.0.2.1"), ip("192.0.2.10"), 3600)
                .subnetMask(ip("255.255.255.0")).routers(List.of(ip("192.0.2.254"))).build();
        assertThat(ack.clientIdentifier()).hasValueSatisfying(v -> assertThat(v).containsExactly(request.clientIdentifier().orElseThrow()));
        assertThat(ack.relayAgentInformation()).isEqualTo(request.relayAgentInformation());
        assertThat(ack.options()).extracting(DhcpOption::code).containsExactly(53, 54, 61, 51, 1, 3, 82);
    }

    @Test
    void anAckToARenewalCopiesCiaddr() {
        DhcpMessage renew = DhcpMessage.requestRenewing(MAC, XID, ip("192.0.2.10")).build();
        DhcpMessage ack = DhcpMessage.ack(renew, ip("192.0.2.1"), ip("192.0.2.10"), 600).build();
        assertThat(ack.ciaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(ack.yiaddr()).isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void anAckToAnInformHasNoLease() {
        DhcpMessage inform = DhcpMessage.inform(MAC, XID, ip("192.0.2.10")).build();
        DhcpMessage ack = DhcpMessage.informAck(inform, ip("192.0.2.1")).build();
        assertThat(ack.leaseTime()).isEmpty();
        assertThat(ack.yiaddr()).isEqualTo(ip("0.0.0.0"));
        assertThat(ack.ciaddr()).isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void aNakThroughARelayIsBroadcastAndExplainsItself() {
        DhcpMessage request = DhcpMessage.requestInitReboot(MAC, XID, ip("10.0.0.5")).giaddr(ip("192.0.2.254")).build();
        DhcpMessage nak = DhcpMessage.nak(request, ip("192.0.2.1"), "address not on this link").build();
        assertThat(nak.messageType()).contains(MessageType.NAK);
        assertThat(nak.broadcast()).isTrue();
        assertThat(nak.yiaddr()).isEqualTo(ip("0.0.0.0"));
        assertThat(nak.leaseTime()).isEmpty();
        assertThat(nak.raw(56)).hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("address not on this link"));

        DhcpMessage direct = DhcpMessage.requestInitReboot(MAC, XID, ip("10.0.0.5")).build();
        assertThat(DhcpMessage.nak(direct, ip("192.0.2.1"), "no").build().broadcast()).isFalse();
    }

    // ---- typed accessors ----

    @Test
    void typedAccessorsReadEveryCommonOption() throws MalformedPacketException {
        DhcpMessage m = DhcpMessage.builder().op(2).messageType(MessageType.ACK)
                .subnetMask(ip("255.255.255.0"))
                .routers(List.of(ip("192.0.2.254"), ip("192.0.2.253")))
                .domainNameServers(List.of(ip("192.0.2.53")))
                .hostName("pc1").domainName("example.com")
                .option("broadcast-address", "192.0.2.255")
                .option("ntp-servers", "192.0.2.123")
                .option("vendor-encapsulated-options", "01:02")
                .requestedAddress(ip("192.0.2.10")).leaseTime(4294967295L).serverIdentifier(ip("192.0.2.1"))
                .parameterRequestList(1, 3, 6).maxMessageSize(1500).renewalTime(1800).rebindingTime(3150)
                .vendorClassIdentifier("MSFT 5.0").clientIdentifier(bytes(1, 2))
                .option("tftp-server-name", "tftp.example").option("boot-file-name", "pxelinux.0")
                .clientFqdn(ClientFqdn.encoded("pc1.example.com.", 0))
                .subnetSelection(ip("192.0.2.0"))
                .domainSearch(new DomainSearchList(List.of("example.com", "corp.example.com")))
                .classlessStaticRoutes(new ClasslessStaticRoutes(List.of(
                        new ClasslessStaticRoutes.Route(ip("10.0.0.0"), 8, ip("192.0.2.254")))))
                .relayAgentInformation(new RelayAgentInformation(List.of(new RelayAgentInformation.SubOption(2, bytes(9)))))
                .build();
        DhcpMessage d = codec.decode(codec.encode(m, 1500));
        assertThat(d).isEqualTo(m);
        assertThat(d.subnetMask()).contains(ip("255.255.255.0"));
        assertThat(d.routers()).containsExactly(ip("192.0.2.254"), ip("192.0.2.253"));
        assertThat(d.domainNameServers()).containsExactly(ip("192.0.2.53"));
        assertThat(d.hostName()).contains("pc1");
        assertThat(d.domainName()).contains("example.com");
        assertThat(d.broadcastAddress()).contains(ip("192.0.2.255"));
        assertThat(d.ntpServers()).containsExactly(ip("192.0.2.123"));
        assertThat(d.vendorEncapsulatedOptions()).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(d.requestedAddress()).contains(ip("192.0.2.10"));
        assertThat(d.leaseTime()).hasValue(4294967295L);
        assertThat(d.serverIdentifier()).contains(ip("192.0.2.1"));
        assertThat(d.parameterRequestList()).containsExactly(1, 3, 6);
        assertThat(d.maxMessageSize()).hasValue(1500);
        assertThat(d.renewalTime()).hasValue(1800);
        assertThat(d.rebindingTime()).hasValue(3150);
        assertThat(d.vendorClassIdentifier()).contains("MSFT 5.0");
        assertThat(d.clientIdentifier()).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(d.tftpServerName()).contains("tftp.example");
        assertThat(d.bootFileName()).contains("pxelinux.0");
        assertThat(d.clientFqdn()).map(ClientFqdn::name).contains("pc1.example.com.");
        assertThat(d.subnetSelection()).contains(ip("192.0.2.0"));
        assertThat(d.domainSearch()).map(DomainSearchList::domains).contains(List.of("example.com", "corp.example.com"));
        assertThat(d.classlessStaticRoutes()).map(r -> r.routes().get(0).toString()).contains("10.0.0.0/8 - 192.0.2.254");
        assertThat(d.relayAgentInformation()).flatMap(RelayAgentInformation::remoteId)
                .hasValueSatisfying(v -> assertThat(v).containsExactly(9));
    }

    @Test
    void absentOptionsAreEmptyNotErrors() {
        DhcpMessage m = DhcpMessage.builder().build();
        assertThat(m.routers()).isEmpty();
        assertThat(m.leaseTime()).isEmpty();
        assertThat(m.maxMessageSize()).isEmpty();
        assertThat(m.clientFqdn()).isEmpty();
        assertThat(m.parameterRequestList()).isEmpty();
    }

    @Test
    void stringOptionsDropTrailingNulsAsRfc2132Asks() {
        DhcpMessage m = DhcpMessage.builder().option(12, bytes('p', 'c', 0)).build();
        assertThat(m.hostName()).contains("pc");
    }

    // ---- value semantics ----

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] chaddr = new byte[16];
        DhcpMessage m = DhcpMessage.builder().chaddr(chaddr).option(61, bytes(1, 2)).build();
        chaddr[0] = 1;
        m.chaddr()[1] = 1;
        m.clientIdentifier().orElseThrow()[0] = 9;
        assertThat(m.chaddr()).containsOnly(0);
        assertThat(m.clientIdentifier()).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
    }

    @Test
    void settingAnOptionAgainReplacesItInPlace() {
        DhcpMessage m = DhcpMessage.builder().hostName("a").leaseTime(1).hostName("b").build();
        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(12, 51);
        assertThat(m.hostName()).contains("b");
    }

    @Test
    void invalidValuesAndHeaderFieldsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> DhcpMessage.builder().option(53, bytes(1, 2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("53 (dhcp-message-type) has 2 bytes");
        assertThatThrownBy(() -> DhcpMessage.builder().hlen(17).build()).hasMessageContaining("hlen must be 0-16");
        assertThatThrownBy(() -> DhcpMessage.builder().secs(70000).build()).hasMessageContaining("secs must be 0-65535");
        assertThatThrownBy(() -> DhcpMessage.builder().sname(new byte[10]).build()).hasMessageContaining("sname must be 64 bytes");
        assertThatThrownBy(() -> DhcpMessage.builder().option("no-such", "1")).hasMessageContaining("no standard option is named 'no-such'");
    }

    // ---- text ----

    @Test
    void summaryIsOneLineWithTheFieldsAnAdminLooksFor() {
        DhcpMessage m = DhcpMessage.requestSelecting(MAC, XID, ip("192.0.2.10"), ip("192.0.2.1")).hostName("pc1").build();
        assertThat(m.summary()).isEqualTo(
                "DHCPREQUEST xid=0x3903f326 chaddr=00:0c:29:aa:bb:cc ciaddr=0.0.0.0 req=192.0.2.10 srv=192.0.2.1 host=pc1");
        assertThat(m).hasToString(m.summary());
    }

    @Test
    void summaryNeverCarriesControlCharactersFromTheWire() {
        DhcpMessage m = DhcpMessage.discover(MAC, 1).option(12, bytes('a', '\n', 'b')).build();
        assertThat(m.summary()).doesNotContain("\n").endsWith("host=61:0a:62");
    }

    @Test
    void detailsListEveryHeaderFieldAndEveryOption() {
        DhcpMessage m = DhcpMessage.offer(relayedRequest(), ip("192.0.2.1"), ip("192.0.2.10"), 3600).option(224, bytes(1)).build();
        String details = m.details();
        assertThat(details).startsWith("DHCPOFFER\n");
        for (String field : List.of("op      2 (BOOTREPLY)", "htype   1 (Ethernet)", "hlen    6", "hops    1", "xid     0x3903f326",
                "secs    0", "flags   0x8000 (broadcast)", "ciaddr  0.0.0.0", "yiaddr  192.0.2.10", "siaddr  0.0.0.0",
                "giaddr  192.0.2.254", "chaddr  00:0c:29:aa:bb:cc", "sname   \"\"", "file    \"\"")) {
            assertThat(details).contains("  " + field + "\n");
        }
        assertThat(details).contains(" 53 dhcp-message-type              1  2 (DHCPOFFER)")
                .contains(" 51 dhcp-lease-time                4  3600")
                .contains(" 82 dhcp-agent-options             4  circuit-id=70:31")
                .contains("224 option-224                     1  01");
    }
}
