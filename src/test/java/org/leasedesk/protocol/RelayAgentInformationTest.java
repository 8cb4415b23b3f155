package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;
import static org.leasedesk.protocol.RawPacket.ip;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayAgentInformationTest {

    private static final byte[] WIRE = bytes(
            1, 4, 'e', 't', 'h', '0',
            2, 3, 0x00, 0x11, 0x22,
            5, 4, 192, 0, 2, 0,
            11, 4, 192, 0, 2, 1,
            151, 2, 0xab, 0xcd);

    @Test
    void decodesCircuitIdRemoteIdLinkSelectionAndServerIdOverride() throws MalformedPacketException {
        RelayAgentInformation info = RelayAgentInformation.decode(WIRE);
        assertThat(info.circuitId()).hasValueSatisfying(v -> assertThat(v).containsExactly('e', 't', 'h', '0'));
        assertThat(info.remoteId()).hasValueSatisfying(v -> assertThat(v).containsExactly(0x00, 0x11, 0x22));
        assertThat(info.linkSelection()).contains(ip("192.0.2.0"));
        assertThat(info.serverIdOverride()).contains(ip("192.0.2.1"));
    }

    @Test
    void keepsUnknownSubOptionsInOrderSoTheEchoIsVerbatim() throws MalformedPacketException {
        RelayAgentInformation info = RelayAgentInformation.decode(WIRE);
        assertThat(info.subOptions()).extracting(RelayAgentInformation.SubOption::code).containsExactly(1, 2, 5, 11, 151);
        assertThat(info.encode()).containsExactly(WIRE);
    }

    @Test
    void rendersSubOptionsByName() throws MalformedPacketException {
        assertThat(RelayAgentInformation.decode(WIRE).toString()).isEqualTo(
                "circuit-id=65:74:68:30, remote-id=00:11:22, link-selection=192.0.2.0, server-id-override=192.0.2.1, sub-option-151=ab:cd");
    }

    @Test
    void rejectsASubOptionRunningPastTheEnd() {
        assertThatThrownBy(() -> RelayAgentInformation.decode(bytes(1, 5, 'a')))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
        assertThatThrownBy(() -> RelayAgentInformation.decode(bytes(1)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("no length byte");
    }

    @Test
    void rejectsALinkSelectionThatIsNotAnAddress() {
        assertThatThrownBy(() -> RelayAgentInformation.decode(bytes(5, 3, 192, 0, 2)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
    }

    @Test
    void subOptionValuesAreCopiedInAndOut() {
        byte[] id = bytes(1, 2);
        var info = new RelayAgentInformation(List.of(new RelayAgentInformation.SubOption(1, id)));
        id[0] = 9;
        info.circuitId().orElseThrow()[1] = 9;
        assertThat(info.circuitId()).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
    }
}
