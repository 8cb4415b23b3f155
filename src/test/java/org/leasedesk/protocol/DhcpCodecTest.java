package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;
import static org.leasedesk.protocol.RawPacket.ip;
import static org.leasedesk.protocol.RawPacket.ipBytes;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.MalformedPacketException.Reason;

class DhcpCodecTest {

    private static final HardwareAddress MAC = HardwareAddress.parse(RawPacket.CLIENT_MAC);

    private final DhcpCodec codec = new DhcpCodec();

    // ---- header fields ----

    @Test
    void decodesEveryHeaderField() throws MalformedPacketException {
        byte[] chaddr = bytes(0, 0x0c, 0x29, 0xaa, 0xbb, 0xcc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f);
        byte[] packet = new RawPacket(2, 0x3903f326)
                .set(1, 6).set(2, 6).set(3, 2)
                .set(8, 0x01, 0x02).set(10, 0x80, 0x01)
                .setBytes(12, ipBytes("192.0.2.10")).setBytes(16, ipBytes("192.0.2.11"))
                .setBytes(20, ipBytes("192.0.2.12")).setBytes(24, ipBytes("192.0.2.13"))
                .setBytes(28, chaddr)
                .setBytes(44, "tftp.example".getBytes()).setBytes(108, "pxelinux.0".getBytes())
                .option(53, 5).end().bytes();

        DhcpMessage m = codec.decode(packet);

        assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(m.htype()).isEqualTo(6);
        assertThat(m.hlen()).isEqualTo(6);
        assertThat(m.hops()).isEqualTo(2);
        assertThat(m.xid()).isEqualTo(0x3903f326);
        assertThat(m.secs()).isEqualTo(0x0102);
        assertThat(m.flags()).isEqualTo(0x8001);
        assertThat(m.broadcast()).isTrue();
        assertThat(m.ciaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(m.yiaddr()).isEqualTo(ip("192.0.2.11"));
        assertThat(m.siaddr()).isEqualTo(ip("192.0.2.12"));
        assertThat(m.giaddr()).isEqualTo(ip("192.0.2.13"));
        assertThat(m.chaddr()).containsExactly(chaddr);
        assertThat(m.hardwareAddress()).isEqualTo(MAC);
        assertThat(m.serverName()).isEqualTo("tftp.example");
        assertThat(m.bootFile()).isEqualTo("pxelinux.0");
        assertThat(codec.encode(m)).containsExactly(packet);
    }

    @Test
    void encodesEveryHeaderFieldOfABuiltMessage() throws MalformedPacketException {
        DhcpMessage built = DhcpMessage.builder().op(2).htype(1).hlen(6).hops(3).xid(-1).secs(65535).flags(0x8000)
                .ciaddr(ip("10.0.0.1")).yiaddr(ip("10.0.0.2")).siaddr(ip("10.0.0.3")).giaddr(ip("10.0.0.4"))
                .hardwareAddress(1, MAC).serverName("srv").bootFile("boot.img").messageType(MessageType.ACK).build();
        byte[] wire = codec.encode(built);
        assertThat(wire[3]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(wire, 4, 8)).containsExactly(0xff, 0xff, 0xff, 0xff);
        assertThat(Arrays.copyOfRange(wire, 8, 12)).containsExactly(0xff, 0xff, 0x80, 0x00);
        assertThat(Arrays.copyOfRange(wire, 236, 240)).containsExactly(99, 130, 83, 99);
        assertThat(codec.decode(wire)).isEqualTo(built);
    }

    @Test
    void freshMessagesArePaddedToTheBootpMinimumOf300Bytes() {
        byte[] wire = codec.encode(DhcpMessage.discover(MAC, 1).build());
        assertThat(wire).hasSize(300);
        assertThat(wire[240]).isEqualTo((byte) 53);
        assertThat(wire[243]).isEqualTo((byte) 255);
    }

    @Test
    void decodesFromAnOffsetAndFromAByteBufferWithoutMovingIt() throws MalformedPacketException {
        byte[] packet = RawPacket.dhclientDiscover();
        byte[] framed = new byte[packet.length + 10];
        System.arraycopy(packet, 0, framed, 7, packet.length);
        DhcpMessage expected = codec.decode(packet);
        assertThat(codec.decode(framed, 7, packet.length)).isEqualTo(expected);

        ByteBuffer direct = ByteBuffer.allocateDirect(packet.length + 4);
        direct.putInt(0).put(packet).flip().position(4);
        assertThat(codec.decode(direct)).isEqualTo(expected);
        assertThat(direct.position()).isEqualTo(4);
        assertThat(codec.decode(ByteBuffer.wrap(framed, 7, packet.length))).isEqualTo(expected);
    }

    // ---- round-trip fidelity ----

    @Test
    void aDhclientDiscoverReencodesByteForByte() throws MalformedPacketException {
        byte[] packet = RawPacket.dhclientDiscover();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.messageType()).contains(MessageType.DISCOVER);
        assertThat(m.hostName()).contains("pc1");
        assertThat(codec.encode(m)).containsExactly(packet);
    }

    @Test
    void keepsPadOptionsBetweenOptionsAndTheLackOfPadding() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).option(53, 3).raw(0, 0, 0).option(12, 'x').raw(0).end().bytes();
        assertThat(codec.encode(codec.decode(packet))).containsExactly(packet);
    }

    @Test
    void keepsNonZeroBytesAfterEnd() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).option(53, 7).end().raw(0xde, 0xad, 0xbe, 0xef).bytes();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.wireLayout()).hasValueSatisfying(l -> assertThat(l.bytesAfterEnd()).isEqualTo(4));
        assertThat(codec.encode(m)).containsExactly(packet);
    }

    @Test
    void keepsAMissingEndOption() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).option(53, 8).bytes();
        assertThat(codec.encode(codec.decode(packet))).containsExactly(packet);
    }

    @Test
    void aPacketWithoutOptionsIsPlainBootp() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).bytes();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.options()).isEmpty();
        assertThat(m.messageType()).isEmpty();
        assertThat(codec.encode(m)).containsExactly(packet);
    }

    @Test
    void aChangedMessageIsLaidOutAfreshWhileHeaderChangesKeepTheLayout() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).option(53, 3).raw(0, 0).option(12, 'x').end().bytes();
        DhcpMessage m = codec.decode(packet);

        byte[] hopsChanged = codec.encode(m.toBuilder().hops(1).build());
        assertThat(hopsChanged).hasSize(packet.length);
        assertThat(hopsChanged[3]).isEqualTo((byte) 1);

        byte[] optionChanged = codec.encode(m.toBuilder().hostName("longer").build());
        assertThat(optionChanged).hasSize(300);
        assertThat(codec.decode(optionChanged).hostName()).contains("longer");
    }

    @Test
    void equalityIgnoresTheWireLayout() throws MalformedPacketException {
        byte[] padded = new RawPacket(1, 7).option(53, 3).end().paddedTo300();
        byte[] unpadded = new RawPacket(1, 7).option(53, 3).end().bytes();
        assertThat(codec.decode(padded)).isEqualTo(codec.decode(unpadded)).hasSameHashCodeAs(codec.decode(unpadded));
    }

    // ---- RFC 3396 long options ----

    @Test
    void concatenatesSplitInstancesOfAnOption() throws MalformedPacketException {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 7);
        byte[] packet = new RawPacket(2, 7).option(53, 5)
                .option(43, Arrays.copyOf(value, 255)).option(3, ipBytes("192.0.2.1")).option(43, Arrays.copyOfRange(value, 255, 300))
                .end().bytes();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.vendorEncapsulatedOptions()).hasValueSatisfying(v -> assertThat(v).containsExactly(value));
        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 43, 3);
        assertThat(codec.encode(m)).containsExactly(packet);
    }

    @Test
    void validatesTheConcatenatedValueNotEachPiece() throws MalformedPacketException {
        byte[] packet = new RawPacket(2, 7).option(53, 5).option(3, 192, 0).option(3, 2, 1).end().bytes();
        assertThat(codec.decode(packet).routers()).containsExactly(ip("192.0.2.1"));
    }

    @Test
    void splitsValuesLongerThan255BytesOnEncode() throws MalformedPacketException {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 1);
        DhcpMessage m = DhcpMessage.builder().messageType(MessageType.ACK).option(43, value).build();
        byte[] wire = codec.encode(m);
        assertThat(wire[243] & 0xff).isEqualTo(43);
        assertThat(wire[244] & 0xff).isEqualTo(255);
        assertThat(wire[243 + 257] & 0xff).isEqualTo(43);
        assertThat(wire[244 + 257] & 0xff).isEqualTo(45);
        assertThat(codec.decode(wire)).isEqualTo(m);
    }

    // ---- option overload ----

    @Test
    void readsOptionsOverloadedIntoFileAndThenSname() throws MalformedPacketException {
        byte[] fileArea = new RawPacket(1, 0).option(12, "overloaded".getBytes()).end().option(0).bytes();
        byte[] snameArea = new RawPacket(1, 0).option(15, "example.org".getBytes()).end().bytes();
        byte[] packet = new RawPacket(1, 7).option(53, 1).option(52, 3).end()
                .setBytes(108, Arrays.copyOfRange(fileArea, 240, fileArea.length - 2))
                .setBytes(44, Arrays.copyOfRange(snameArea, 240, snameArea.length))
                .bytes();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.hostName()).contains("overloaded");
        assertThat(m.domainName()).contains("example.org");
        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 12, 15);
        assertThat(m.has(52)).isFalse();
        assertThat(m.bootFile()).isEmpty();
        assertThat(m.serverName()).isEmpty();
        assertThat(m.wireLayout()).hasValueSatisfying(l -> assertThat(l.overloadsFile() && l.overloadsSname()).isTrue());
        assertThat(codec.encode(m)).containsExactly(packet);
        assertThat(m.details()).contains("file    (carries options)");
    }

    @Test
    void overloadsIntoFileAndSnameWhenTheOptionsFieldIsFull() throws MalformedPacketException {
        DhcpMessage m = DhcpMessage.builder().messageType(MessageType.ACK)
                .option(43, new byte[200]).option(77, new byte[150]).option(60, "x".repeat(50).getBytes()).build();
        byte[] wire = codec.encode(m);
        assertThat(wire.length).isLessThanOrEqualTo(576 - 28);
        DhcpMessage decoded = codec.decode(wire);
        assertThat(decoded).isEqualTo(m);
        assertThat(decoded.wireLayout()).hasValueSatisfying(l -> assertThat(l.overloadsFile()).isTrue());
    }

    @Test
    void doesNotOverloadIntoFieldsThatAreInUse() {
        DhcpMessage m = DhcpMessage.builder().messageType(MessageType.ACK).bootFile("pxelinux.0").serverName("tftp")
                .option(43, new byte[255]).option(77, new byte[100]).build();
        assertThatThrownBy(() -> codec.encode(m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("options need 362 bytes; a message limited to 576 bytes")
                .hasMessageContaining("file is in use, sname is in use");
    }

    @Test
    void honoursTheClientsMaximumMessageSize() throws MalformedPacketException {
        DhcpMessage big = DhcpMessage.discover(MAC, 1).maxMessageSize(1500).option(43, new byte[600]).build();
        byte[] wire = codec.encode(big);
        assertThat(wire.length).isBetween(300, 1500 - 28);
        assertThat(codec.decode(wire).wireLayout()).hasValueSatisfying(l -> assertThat(l.overloadsFile()).isFalse());
        assertThatThrownBy(() -> codec.encode(big, 576)).hasMessageContaining("a message limited to 576 bytes");
    }

    @Test
    void neverGoesBelowTheRfc2131MinimumOf576() {
        DhcpMessage m = DhcpMessage.discover(MAC, 1).maxMessageSize(100).option(43, new byte[250]).build();
        assertThat(codec.encode(m).length).isLessThanOrEqualTo(548);
    }

    // ---- malformed input ----

    private static void assertRejected(byte[] packet, Reason reason, String detail) {
        assertThatThrownBy(() -> new DhcpCodec().decode(packet))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    @Test
    void rejectsAPacketShorterThanHeaderAndCookie() {
        assertRejected(Arrays.copyOf(RawPacket.dhclientDiscover(), 239), Reason.TRUNCATED, "239 bytes");
        assertRejected(new byte[0], Reason.TRUNCATED, "0 bytes");
    }

    @Test
    void rejectsAWrongMagicCookie() {
        assertRejected(new RawPacket(1, 7).set(236, 1, 2, 3, 4).option(53, 1).end().bytes(), Reason.BAD_COOKIE, "0x01020304");
    }

    @Test
    void rejectsHlenAbove16() {
        assertRejected(new RawPacket(1, 7).set(2, 17).option(53, 1).end().bytes(), Reason.BAD_HEADER, "hlen is 17");
    }

    @Test
    void rejectsAnOptionWhoseLengthRunsPastThePacket() {
        assertRejected(new RawPacket(1, 7).option(53, 1).raw(12, 10, 'a', 'b').bytes(), Reason.OPTION_OVERRUN, "claims 10 bytes, only 2 left");
    }

    @Test
    void rejectsAnOptionCutBeforeItsLengthByte() {
        assertRejected(new RawPacket(1, 7).option(53, 1).raw(12).bytes(), Reason.OPTION_OVERRUN, "has no length byte");
    }

    @Test
    void rejectsAnOverloadedOptionThatOverrunsTheFileField() {
        byte[] packet = new RawPacket(1, 7).option(53, 1).option(52, 1).end().set(108 + 126, 12, 5).bytes();
        assertRejected(packet, Reason.OPTION_OVERRUN, "option 12");
    }

    @Test
    void rejectsOverloadInsideFileOrSname() {
        byte[] packet = new RawPacket(1, 7).option(53, 1).option(52, 1).end().set(108, 52, 1, 2, 255).bytes();
        assertRejected(packet, Reason.OVERLOAD_LOOP, "inside file or sname");
    }

    @Test
    void rejectsAnInvalidOverloadValue() {
        assertRejected(new RawPacket(1, 7).option(53, 1).option(52, 4).end().bytes(), Reason.OVERLOAD_LOOP, "value 4");
        assertRejected(new RawPacket(1, 7).option(53, 1).option(52, 0).end().bytes(), Reason.OVERLOAD_LOOP, "value 0");
    }

    @Test
    void rejectsOverloadGivenTwice() {
        assertRejected(new RawPacket(1, 7).option(52, 1).option(52, 1).end().bytes(), Reason.OVERLOAD_LOOP, "appears twice");
    }

    @Test
    void rejectsAnOverloadOptionOfTheWrongLength() {
        assertRejected(new RawPacket(1, 7).option(52, 1, 1).end().bytes(), Reason.BAD_OPTION_LENGTH, "has 2 bytes");
    }

    @Test
    void rejectsTypedOptionsOfTheWrongLength() {
        assertRejected(new RawPacket(1, 7).option(53, 1, 1).end().bytes(), Reason.BAD_OPTION_LENGTH, "53 (dhcp-message-type) has 2 bytes");
        assertRejected(new RawPacket(1, 7).option(53, 1).option(51, 0, 0, 1).end().bytes(), Reason.BAD_OPTION_LENGTH, "51 (dhcp-lease-time)");
        assertRejected(new RawPacket(1, 7).option(53, 1).option(3).end().bytes(), Reason.BAD_OPTION_LENGTH, "3 (routers) has 0 bytes");
        assertRejected(new RawPacket(1, 7).option(53, 1).option(3, 1, 2, 3, 4, 5).end().bytes(), Reason.BAD_OPTION_LENGTH,
                "non-empty multiple of 4");
    }

    @Test
    void rejectsTypedOptionsWithBadContent() {
        assertRejected(new RawPacket(1, 7).option(53, 99).end().bytes(), Reason.BAD_OPTION_VALUE, "message type 99");
        assertRejected(new RawPacket(1, 7).option(53, 5).option(121, 33, 1, 2, 3, 4, 5, 1, 2, 3, 4).end().bytes(),
                Reason.BAD_OPTION_VALUE, "121 (classless-static-route): classless static route at offset 0 has prefix width 33");
    }

    @Test
    void decodesA64KibPacketOfTinyOptionsQuickly() {
        byte[] packet = new byte[65535];
        System.arraycopy(RawPacket.dhclientDiscover(), 0, packet, 0, 240);
        for (int p = 240; p + 2 <= packet.length; p += 2) {
            int code = 1 + (p / 2) % 200;
            // Zero-length instances of many codes, overload (52) excepted: the worst case for the scanner.
            packet[p] = (byte) (code == 52 ? 60 : code);
            packet[p + 1] = 0;
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 20; i++) {
                try {
                    codec.decode(packet);
                } catch (MalformedPacketException rejected) {
                    assertThat(rejected.reason()).isNotNull();
                }
            }
        });
    }

    @Test
    void decodesA64KibPacketOfPadsAndPointerChainsQuickly() {
        byte[] packet = new byte[65535];
        System.arraycopy(new RawPacket(1, 7).option(53, 1).bytes(), 0, packet, 0, 243);
        // Many option-119 pieces made of backward pointer chains: concatenated, then decoded once.
        int p = 243;
        packet[p++] = 119;
        packet[p++] = 2;
        packet[p++] = 1;
        packet[p++] = 'a';
        while (p + 4 < packet.length) {
            packet[p++] = 119;
            packet[p++] = 2;
            packet[p++] = (byte) 0xc0;
            packet[p++] = 0;
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                codec.decode(packet);
            } catch (MalformedPacketException rejected) {
                assertThat(rejected.reason()).isNotNull();
            }
        });
    }

    @Test
    void keepsUnknownOptionsAsRawBytesInOrder() throws MalformedPacketException {
        byte[] packet = new RawPacket(1, 7).option(53, 1).option(224, 1, 2, 3).option(12, 'h').option(250).end().bytes();
        DhcpMessage m = codec.decode(packet);
        assertThat(m.options()).extracting(DhcpOption::code).containsExactly(53, 224, 12, 250);
        assertThat(m.raw(224)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(m.raw(250)).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(codec.encode(m.toBuilder().withoutWireLayout().build())).startsWith(
                Arrays.copyOf(packet, packet.length - 1));
    }

    @Test
    void rejectsOverloadChosenByTheCaller() {
        assertThatThrownBy(() -> DhcpMessage.builder().option(52, bytes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overload is chosen by the codec");
        assertThatThrownBy(() -> List.of(new DhcpOption(255, new byte[0]))).hasMessageContaining("255 is END");
    }
}
