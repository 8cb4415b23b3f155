package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WireLayoutPiecesTest {

    /** A BOOTREQUEST whose options field holds {@code options} and whose file field holds {@code file} (overloaded when not empty). */
    private static byte[] packet(byte[] options, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {1, 1, 6, 0, 0, 0, 0, 1});
        out.writeBytes(new byte[236 - 8 - 128]);
        byte[] fileField = new byte[128];
        System.arraycopy(file, 0, fileField, 0, file.length);
        out.writeBytes(fileField);
        out.writeBytes(new byte[] {99, (byte) 130, 83, 99});
        out.writeBytes(options);
        out.write(255);
        return out.toByteArray();
    }

    @Test
    void tellsHowEachOptionArrivedPieceByPieceAndWhere() throws MalformedPacketException {
        byte[] options = {53, 1, 1, 60, 3, 'P', 'X', 'E', 52, 1, 1, 60, 6, 'C', 'l', 'i', 'e', 'n', 't'};
        byte[] file = {61, 2, 1, 2, 60, 1, '!', (byte) 255};
        DhcpMessage message = new DhcpCodec().decode(packet(options, file));
        WireLayout layout = message.wireLayout().orElseThrow();

        assertThat(message.vendorClassIdentifier()).hasValue("PXEClient!");
        assertThat(layout.pieceLengths(60)).containsExactly(3, 6, 1);
        assertThat(layout.piecesInOptionsField(60)).isEqualTo(2);
        assertThat(layout.pieceLengths(61)).containsExactly(2);
        assertThat(layout.piecesInOptionsField(61)).isZero();
        assertThat(layout.pieceLengths(53)).containsExactly(1);
        assertThat(layout.piecesInOptionsField(53)).isEqualTo(1);
        assertThat(layout.pieceLengths(12)).isEmpty();
        assertThat(layout.piecesInOptionsField(12)).isZero();
    }
}
