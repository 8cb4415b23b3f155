package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.server.classify.Packets.ascii;
import static org.leasedesk.server.classify.Packets.discover;
import static org.leasedesk.server.classify.Packets.hex;
import static org.leasedesk.server.classify.Packets.ip;
import static org.leasedesk.server.classify.Packets.onEth0;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionType;
import org.leasedesk.protocol.RelayAgentInformation;
import org.leasedesk.protocol.RelayAgentInformation.SubOption;

class ExpressionEvaluationTest {

    private static final ExpressionParser PARSER = new ExpressionParser();

    private static Expression.Outcome outcome(String test, PacketView packet, Set<String> classes) {
        try {
            return PARSER.parse(test).evaluate(packet, classes::contains);
        } catch (ExpressionException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean holds(String test, PacketView packet) {
        return outcome(test, packet, Set.of("ALL")) == Expression.Outcome.MATCH;
    }

    private static final PacketView PLAIN = onEth0(discover());

    // ---- literals and the operators of the manual ----

    @ParameterizedTest
    @ValueSource(strings = {
        "substring('foobar', 0, 6) == 'foobar'",
        "substring('foobar', 3, 3) == 'bar'",
        "substring('foobar', 3, all) == 'bar'",
        "substring('foobar', 1, 4) == 'ooba'",
        "substring('foobar', -5, 4) == 'ooba'",
        "substring('foobar', -1, -3) == 'oba'",
        "substring('foobar', 4, -2) == 'ob'",
        "substring('foobar', 10, 2) == ''",
        "substring('foobar', -7, 2) == ''",
        "substring('foobar', -6, 2) == 'fo'",
        "substring('foobar', 1, -5) == 'f'",
        "substring('foobar', 0, 0) == ''",
        "substring('foobar', 2, 1000) == 'obar'",
        "substring('', 0, 1) == ''",
        "split('one.two..four', '.', 1) == 'one'",
        "split('one.two..four', '.', 2) == 'two'",
        "split('one.two..four', '.', 3) == ''",
        "split('one.two..four', '.', 4) == 'four'",
        "split('one.two..four', '.', 5) == ''",
        "split('one.two..four', '.', 0) == ''",
        "split('one.two..four', '.', -1) == ''",
        "split('a:b.c', '.:', 2) == 'b'",
        "split('abc', '', 2) == 'abc'",
        "split('', '.', 1) == ''",
        "concat('foo', 'bar') == 'foobar'",
        "'abc' + 'def' + 'ghi' + 'jkl' + '...' == 'abcdefghijkl...'",
        "concat('abc', concat('def', concat('ghi', concat('jkl', '...')))) == 'abcdefghijkl...'",
        "concat('', 'x') == 'x'",
        "ifelse('foo' == 'bar', 'us', 'them') == 'them'",
        "ifelse('foo' == 'foo', 'us', 'them') == 'us'",
        "ifelse(option[230].exists, option[230].hex, 'none') == 'none'",
        "hexstring(0x0a1b2c3e, ':') == '0a:1b:2c:3e'",
        "hexstring(0x0a1b, '') == '0a1b'",
        "hexstring('', '-') == ''",
        "hexstring(0xff, '--') == 'ff'",
        "0x5a7d == 'Z}'",
        "0xabc == 0x0abc",
        "10.0.0.1 == 0x0a000001",
        "::1 == 0x00000000000000000000000000000001",
        "::ffff:192.0.2.1 == 0x00000000000000000000ffffc0000201",
        "123 == 0x0000007b",
        "0 == 0x00000000",
        "addrtotext(192.10.0.1) == '192.10.0.1'",
        "addrtotext(2003:db8::) == '2003:db8::'",
        "addrtotext(::ffff:192.0.2.1) == '::ffff:192.0.2.1'",
        "addrtotext(::192.0.2.1) == '::192.0.2.1'",
        "addrtotext(1:0:0:1:0:0:0:1) == '1:0:0:1::1'",
        "addrtotext(1:0:2:3:4:5:6:7) == '1:0:2:3:4:5:6:7'",
        "addrtotext('') == ''",
        "int8totext(0xff) == '-1'",
        "int16totext(0xffff) == '-1'",
        "int32totext(4294967295) == '-1'",
        "uint8totext(0xff) == '255'",
        "uint16totext(0xffff) == '65535'",
        "uint32totext(4294967295) == '4294967295'",
        "uint32totext(123) == '123'",
        "int8totext('') == ''",
        "not ('foo' == 'bar')",
        "('foo' == 'bar') or ('bar' == 'bar')",
        "not (('foo' == 'bar') and ('bar' == 'bar'))",
        "'é' == 0xc3a9",
    })
    void theManualsExamplesHold(String test) {
        assertThat(outcome(test, PLAIN, Set.of())).isEqualTo(Expression.Outcome.MATCH);
    }

    @Test
    void errorsKeaRaisesWhileEvaluatingMakeTheTestFailEvenWhereTheyDecideNothing() throws ExpressionException {
        assertThat(outcome("int8totext(0x0102) == '1'", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("'a' == 'a' or int8totext(0x0102) == '1'", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("'a' == 'b' and uint16totext(0x01) == '1'", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("ifelse('a' == 'a', 'x', addrtotext(0x0102)) == 'x'", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("addrtotext(0x010203) == ''", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("substring('foobar', 3000000000, 1) == ''", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("substring('foobar', 0, -2147483648) == ''", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        assertThat(outcome("split('a.b', '.', 3000000000) == ''", PLAIN, Set.of())).isEqualTo(Expression.Outcome.ERROR);
        // An empty input is returned before the numbers are read: no error.
        assertThat(outcome("substring(option[60].hex, 3000000000, 1) == ''", PLAIN, Set.of())).isEqualTo(Expression.Outcome.MATCH);
        assertThat(outcome("'a' == 'a' or int8totext(0x01) == '1'", PLAIN, Set.of())).isEqualTo(Expression.Outcome.MATCH);
        assertThat(PARSER.parse("int8totext(0x0102) == '1'").test(PLAIN, n -> true)).isFalse();
    }

    // ---- options ----

    @Test
    void anAbsentOptionIsTheEmptyStringAndDoesNotExist() {
        assertThat(holds("option[61].hex == ''", PLAIN)).isTrue();
        assertThat(holds("option[61].text == ''", PLAIN)).isTrue();
        assertThat(holds("option[61].exists", PLAIN)).isFalse();
        assertThat(holds("not option[61].exists", PLAIN)).isTrue();
        assertThat(holds("option[82].option[1].hex == ''", PLAIN)).isTrue();
        assertThat(holds("relay4[1].exists", PLAIN)).isFalse();
    }

    @Test
    void aastraPhonesAndPxeClientsByVendorClassIdentifier() {
        PacketView aastra = onEth0(discover().vendorClassIdentifier("AastraIPPhone57i"));
        PacketView pxe = onEth0(discover().vendorClassIdentifier("PXEClient:Arch:00000:UNDI:002001"));
        assertThat(holds("substring(option[60].hex,0,6) == 'Aastra'", aastra)).isTrue();
        assertThat(holds("substring(option[60].hex,0,6) == 'Aastra'", pxe)).isFalse();
        assertThat(holds("substring(option[60].hex,0,9) == 'PXEClient'", pxe)).isTrue();
        assertThat(holds("option[vendor-class-identifier].text == 'PXEClient:Arch:00000:UNDI:002001'", pxe)).isTrue();
        assertThat(holds("substring(option[60].hex,0,9) == 'PXEClient'", PLAIN)).isFalse();
    }

    @Test
    void clientIdentifierByHex() {
        PacketView packet = onEth0(discover().clientIdentifier(hex("01000c29aabbcc")));
        assertThat(holds("option[61].hex == 0x01000c29aabbcc", packet)).isTrue();
        assertThat(holds("substring(option[61].hex,0,3) == 'foo'", packet)).isFalse();
        assertThat(holds("substring(option[61].hex,1,all) == pkt4.mac", packet)).isTrue();
        assertThat(holds("hexstring(option[61].hex, ':') == '01:00:0c:29:aa:bb:cc'", packet)).isTrue();
    }

    @Test
    void stringOptionsLoseTrailingNulsAndOneOfOnlyNulsIsNotThere() {
        PacketView padded = onEth0(discover().option(12, ascii("pc1\0\0")));
        assertThat(holds("option[12].hex == 'pc1'", padded)).isTrue();
        assertThat(holds("option[host-name].text == 'pc1'", padded)).isTrue();
        PacketView nuls = onEth0(discover().option(12, new byte[] {0, 0}));
        assertThat(holds("option[12].exists", nuls)).isFalse();
        assertThat(holds("option[12].hex == ''", nuls)).isTrue();
        // Binary options keep every byte.
        PacketView id = onEth0(discover().option(61, hex("0100")));
        assertThat(holds("option[61].hex == 0x0100", id)).isTrue();
    }

    @Test
    void textIsTheValueOnlyForStringOptionsAndKeasRenderingForOthers() {
        PacketView packet = onEth0(discover().clientIdentifier(hex("01000c29aabbcc")).parameterRequestList(1, 3, 6)
                .requestedAddress(ip("192.0.2.10")).maxMessageSize(1500).leaseTime(3600));
        assertThat(holds("option[53].text == 'type=053, len=001: 1 (uint8)'", packet)).isTrue();
        assertThat(holds("option[61].text == 'type=061, len=007: 01:00:0c:29:aa:bb:cc'", packet)).isTrue();
        assertThat(holds("option[55].text == 'type=055, len=003: 1(uint8) 3(uint8) 6(uint8)'", packet)).isTrue();
        assertThat(holds("option[50].text == 'type=050, len=004: 192.0.2.10 (ipv4-address)'", packet)).isTrue();
        assertThat(holds("option[57].text == 'type=057, len=002: 1500 (uint16)'", packet)).isTrue();
        assertThat(holds("option[51].text == 'type=051, len=004: 3600 (uint32)'", packet)).isTrue();
        PacketView unknown = onEth0(discover().option(250, hex("0aff")));
        assertThat(holds("option[250].text == 'type=250, len=002: 0a:ff'", unknown)).isTrue();
    }

    @Test
    void relayAgentSubOptionsByRelay4AndByOption82() {
        PacketView relayed = onEth0(discover().giaddr(ip("192.0.2.1")).relayAgentInformation(new RelayAgentInformation(List.of(
                new SubOption(2, ascii("remote-9")), new SubOption(1, ascii("port-7"))))));
        assertThat(holds("relay4[1].hex == 'port-7'", relayed)).isTrue();
        assertThat(holds("relay4[1].exists and relay4[2].exists and not relay4[6].exists", relayed)).isTrue();
        assertThat(holds("option[82].option[2].hex == 'remote-9'", relayed)).isTrue();
        // Kea 2.2 defines no sub-options of 82, so .text is a plain option's rendering, not the string.
        assertThat(holds("relay4[1].text == 'port-7'", relayed)).isFalse();
        assertThat(holds("relay4[1].text == 'type=001, len=006: 70:6f:72:74:2d:37'", relayed)).isTrue();
        // Kea writes sub-options back in code order.
        assertThat(holds("option[82].hex == 0x0106706f72742d37020872656d6f74652d39", relayed)).isTrue();
        // A string literal cannot hold a newline; 0x0a can.
        assertThat(holds("option[82].text == 'type=082, len=018:,' + 0x0a + 'options:' + 0x0a + '  type=001, len=006: 70:6f:72:74:2d:37'"
                + " + 0x0a + '  type=002, len=008: 72:65:6d:6f:74:65:2d:39'", relayed)).isTrue();
    }

    @Test
    void repeatedRelaySubOptionsAreJoinedAsKeaJoinsThem() {
        PacketView relayed = onEth0(discover().relayAgentInformation(new RelayAgentInformation(List.of(
                new SubOption(1, ascii("port-")), new SubOption(2, ascii("r")), new SubOption(1, ascii("7"))))));
        assertThat(holds("relay4[1].hex == 'port-7'", relayed)).isTrue();
    }

    // ---- header fields and metadata ----

    @Test
    void headerFieldsAreFourBytesAndMacIsHlenBytesOfChaddr() {
        PacketView packet = PacketView.of(discover().giaddr(ip("192.0.2.1")).ciaddr(ip("198.51.100.7")).hops(1).build(),
                "eth1", Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.254"));
        assertThat(holds("pkt4.mac == 0x000c29aabbcc", packet)).isTrue();
        assertThat(holds("hexstring(pkt4.mac, ':') == '00:0c:29:aa:bb:cc'", packet)).isTrue();
        assertThat(holds("pkt4.hlen == 6 and pkt4.hlen == 0x00000006 and not (pkt4.hlen == 0x06)", packet)).isTrue();
        assertThat(holds("pkt4.htype == 1", packet)).isTrue();
        assertThat(holds("pkt4.giaddr == 192.0.2.1 and pkt4.ciaddr == 198.51.100.7", packet)).isTrue();
        assertThat(holds("pkt4.yiaddr == 0.0.0.0 and pkt4.siaddr == 0.0.0.0", packet)).isTrue();
        assertThat(holds("addrtotext(pkt4.giaddr) == '192.0.2.1'", packet)).isTrue();
        assertThat(holds("pkt4.msgtype == 1", packet)).isTrue();
        assertThat(holds("pkt4.transid == 0x3903f326", packet)).isTrue();
        assertThat(holds("uint32totext(pkt4.transid) == '956560166'", packet)).isTrue();
        assertThat(holds("pkt.iface == 'eth1'", packet)).isTrue();
        assertThat(holds("pkt.src == 192.0.2.1 and pkt.dst == 192.0.2.254", packet)).isTrue();
    }

    @Test
    void msgtypeIsZeroWithoutOption53() {
        PacketView bootp = onEth0(discover().removeOption(53));
        assertThat(holds("pkt4.msgtype == 0", bootp)).isTrue();
        PacketView request = onEth0(DhcpMessage.requestInitReboot(Packets.MAC, 1, ip("192.0.2.10")));
        assertThat(holds("pkt4.msgtype == " + MessageType.REQUEST.code(), request)).isTrue();
    }

    @Test
    void packetLengthIsKeasFixedHeaderPlusTheOptionsItHolds() {
        // 236 + 53 (3 bytes) + 12 "pc1" after trimming (5 bytes).
        PacketView packet = onEth0(discover().option(12, ascii("pc1\0")));
        assertThat(holds("pkt.len == 244", packet)).isTrue();
        assertThat(holds("uint32totext(pkt.len) == '244'", packet)).isTrue();
    }

    // ---- vendor options ----

    @Test
    void vendorClassOption124() {
        // Enterprise 4491 with two chunks, the second again preceded by an enterprise number.
        PacketView cableModem = onEth0(discover().option(124, hex("0000118b 09 646f63736973332e30 0000118b 02 6162")));
        assertThat(holds("vendor-class[*].exists", cableModem)).isTrue();
        assertThat(holds("vendor-class[0].exists", cableModem)).isTrue();
        assertThat(holds("vendor-class[4491].exists", cableModem)).isTrue();
        assertThat(holds("vendor-class[9].exists", cableModem)).isFalse();
        assertThat(holds("vendor-class.enterprise == 4491", cableModem)).isTrue();
        assertThat(holds("vendor-class[4491].data == 'docsis3.0'", cableModem)).isTrue();
        assertThat(holds("vendor-class[4491].data[0] == 'docsis3.0'", cableModem)).isTrue();
        assertThat(holds("vendor-class[4491].data[1] == 'ab'", cableModem)).isTrue();
        assertThat(holds("vendor-class[4491].data[2] == ''", cableModem)).isTrue();
        assertThat(holds("vendor-class[9].data == ''", cableModem)).isTrue();
        assertThat(holds("vendor-class.enterprise == ''", PLAIN)).isTrue();
        assertThat(holds("vendor-class[*].exists", PLAIN)).isFalse();
    }

    @Test
    void vendorSpecificOption125() {
        PacketView packet = onEth0(discover().option(125, hex("0000118b 0a 02 04 c0000201 01 02 0203")));
        assertThat(holds("vendor[*].exists and vendor[4491].exists and not vendor[4490].exists", packet)).isTrue();
        assertThat(holds("vendor.enterprise == 4491", packet)).isTrue();
        assertThat(holds("vendor[4491].option[1].exists and not vendor[4491].option[3].exists", packet)).isTrue();
        assertThat(holds("vendor[4491].option[1].hex == 0x0203", packet)).isTrue();
        assertThat(holds("vendor[*].option[2].hex == 192.0.2.1", packet)).isTrue();
        assertThat(holds("option[125].option[2].hex == 192.0.2.1", packet)).isTrue();
        // Kea's DOCSIS definitions type sub-options 1 and 2 of enterprise 4491.
        assertThat(holds("vendor[4491].option[1].text == 'type=001, len=002: 2(uint8) 3(uint8)'", packet)).isTrue();
        // Sub-options come back in code order.
        assertThat(holds("option[125].hex == 0x0000118b0a01020203 + 0x0204c0000201", packet)).isTrue();
        // Kea reads option[0] of a vendor as the vendor option itself.
        assertThat(holds("vendor[4491].option[0].exists", packet)).isTrue();
        assertThat(holds("vendor[4491].option[0].hex == 'true'", packet)).isTrue();
        assertThat(holds("vendor[4490].option[0].hex == ''", packet)).isTrue();
        assertThat(holds("vendor[*].exists", PLAIN)).isFalse();
        assertThat(holds("vendor.enterprise == ''", PLAIN)).isTrue();
    }

    // ---- membership ----

    @Test
    void memberReadsTheClassesGiven() {
        assertThat(outcome("member('KNOWN') and not member('foo')", PLAIN, Set.of("ALL", "KNOWN"))).isEqualTo(Expression.Outcome.MATCH);
        assertThat(outcome("member('KNOWN') and not member('foo')", PLAIN, Set.of("ALL", "KNOWN", "foo")))
                .isEqualTo(Expression.Outcome.NO_MATCH);
        assertThat(outcome("member('KNOWN') and not member('foo')", PLAIN, Set.of("ALL", "UNKNOWN")))
                .isEqualTo(Expression.Outcome.NO_MATCH);
    }

    @Test
    void customDefinitionsDecideHowAnOptionIsRead() throws ExpressionException {
        OptionCatalog catalog = OptionCatalog.standard().withCustom(List.of(
                new OptionDefinition(222, "site-flavour", OptionType.STRING, false),
                new OptionDefinition(223, "site-level", OptionType.UINT16, false)));
        ExpressionParser parser = new ExpressionParser(catalog);
        PacketView packet = onEth0(discover().option(222, ascii("mint\0")).option(223, hex("0102")));
        assertThat(parser.parse("option[site-flavour].text == 'mint'").test(packet, n -> false)).isTrue();
        assertThat(parser.parse("option[223].text == 'type=223, len=002: 258 (uint16)'").test(packet, n -> false)).isTrue();
        // Without the definitions the same options are plain bytes.
        assertThat(holds("option[222].hex == 'mint' + 0x00", packet)).isTrue();
    }
}
