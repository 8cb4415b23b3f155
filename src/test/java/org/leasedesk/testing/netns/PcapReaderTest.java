package org.leasedesk.testing.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the captures committed next to the golden packets (see that directory's README). */
class PcapReaderTest {

    private static final String GOLDEN = "/org/leasedesk/protocol/golden/";

    @Test
    void readsTheDhcpExchangeOutOfEthernetFrames() {
        List<CapturedDatagram> exchange = PcapReader.parse(resource("dhclient-dnsmasq-client-side.pcap"));

        assertThat(exchange).extracting(CapturedDatagram::source, CapturedDatagram::destination).containsExactly(
                tuple("0.0.0.0", 68, "255.255.255.255", 67),
                tuple("192.0.2.1", 67, "192.0.2.101", 68),
                tuple("0.0.0.0", 68, "255.255.255.255", 67),
                tuple("192.0.2.1", 67, "192.0.2.101", 68));
        assertThat(exchange).extracting(CapturedDatagram::payload).containsExactly(
                resource("dhclient-discover.bin"), resource("dnsmasq-offer.bin"),
                resource("dhclient-request.bin"), resource("dnsmasq-ack.bin"));
        assertThat(exchange).extracting(CapturedDatagram::timestamp)
                .isSorted()
                .allMatch(time -> time.isAfter(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-dnsmasq", "udhcpc-kea", "dhcpcd-kea"})
    void cookedCaptureOfTheServerSideHoldsTheSamePayloadsAsTheClientSide(String exchange) {
        byte[] serverSide = resource(exchange + "-server-side.pcap");
        assertThat(ByteBuffer.wrap(serverSide).order(ByteOrder.LITTLE_ENDIAN).getInt(20)).isEqualTo(PcapReader.LINKTYPE_LINUX_SLL2);

        assertThat(PcapReader.parse(serverSide)).extracting(CapturedDatagram::payload)
                .containsExactlyElementsOf(payloads(PcapReader.parse(resource(exchange + "-client-side.pcap"))));
    }

    @Test
    void readsBigEndianFilesAlike() {
        byte[] littleEndian = resource("udhcpc-kea-client-side.pcap");

        List<CapturedDatagram> fromBigEndian = PcapReader.parse(toBigEndian(littleEndian));

        assertThat(fromBigEndian).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(PcapReader.parse(littleEndian));
    }

    @Test
    void leavesOutARecordStillBeingWritten() {
        byte[] complete = resource("udhcpc-kea-client-side.pcap");

        List<CapturedDatagram> partial = PcapReader.parse(Arrays.copyOf(complete, complete.length - 10));

        assertThat(partial).hasSize(PcapReader.parse(complete).size() - 1);
    }

    @Test
    void refusesPcapng() {
        byte[] pcapng = Arrays.copyOf(new byte[] {0x0a, 0x0d, 0x0d, 0x0a}, 28);

        assertThatIllegalArgumentException().isThrownBy(() -> PcapReader.parse(pcapng)).withMessageContaining("pcapng");
    }

    private static org.assertj.core.groups.Tuple tuple(String sourceAddress, int sourcePort, String destinationAddress,
            int destinationPort) {
        return org.assertj.core.groups.Tuple.tuple(new InetSocketAddress(sourceAddress, sourcePort),
                new InetSocketAddress(destinationAddress, destinationPort));
    }

    private static List<byte[]> payloads(List<CapturedDatagram> datagrams) {
        return datagrams.stream().map(CapturedDatagram::payload).toList();
    }

    /** The same capture as a big-endian writer would have produced it: every header field swapped. */
    private static byte[] toBigEndian(byte[] littleEndian) {
        ByteBuffer in = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(littleEndian.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
        for (int field = 0; field < 4; field++) {
            out.putInt(in.getInt()); // thiszone, sigfigs, snaplen, link type
        }
        while (in.hasRemaining()) {
            out.putInt(in.getInt()).putInt(in.getInt());
            int capturedLength = in.getInt();
            out.putInt(capturedLength).putInt(in.getInt());
            byte[] frame = new byte[capturedLength];
            in.get(frame);
            out.put(frame);
        }
        return out.array();
    }

    private static byte[] resource(String name) {
        try (InputStream in = PcapReaderTest.class.getResourceAsStream(GOLDEN + name)) {
            assertThat(in).as(GOLDEN + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
