package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;

import org.junit.jupiter.api.Test;

class ClientFqdnTest {

    @Test
    void encodedNamesUseDnsWireFormatWithTheRootLabelWhenFullyQualified() throws MalformedPacketException {
        var fqdn = ClientFqdn.encoded("pc1.example.com.", ClientFqdn.FLAG_SERVER_UPDATES);
        byte[] wire = bytes(0x05, 0, 0, 3, 'p', 'c', '1', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0);
        assertThat(fqdn.encode()).containsExactly(wire);
        assertThat(ClientFqdn.decode(wire)).isEqualTo(fqdn);
        assertThat(fqdn.serverUpdates()).isTrue();
        assertThat(fqdn.encoded()).isTrue();
        assertThat(fqdn.fullyQualified()).isTrue();
        assertThat(fqdn.override()).isFalse();
        assertThat(fqdn.noUpdates()).isFalse();
    }

    @Test
    void aPartialNameHasNoRootLabel() throws MalformedPacketException {
        byte[] wire = bytes(0x04, 0, 0, 3, 'p', 'c', '1');
        ClientFqdn fqdn = ClientFqdn.decode(wire);
        assertThat(fqdn.name()).isEqualTo("pc1");
        assertThat(fqdn.fullyQualified()).isFalse();
        assertThat(fqdn.encode()).containsExactly(wire);
    }

    @Test
    void withoutTheEFlagTheNameIsAscii() throws MalformedPacketException {
        byte[] wire = bytes(0x01, 0xff, 0xff, 'p', 'c', '1', '.', 'l', 'a', 'n');
        ClientFqdn fqdn = ClientFqdn.decode(wire);
        assertThat(fqdn.name()).isEqualTo("pc1.lan");
        assertThat(fqdn.rcode1()).isEqualTo(255);
        assertThat(fqdn.encode()).containsExactly(wire);
    }

    @Test
    void anEmptyNameAsksTheServerToChooseOne() throws MalformedPacketException {
        assertThat(ClientFqdn.decode(bytes(0x05, 0, 0)).name()).isEmpty();
    }

    @Test
    void noUpdatesAndOverrideFlagsAreVisible() throws MalformedPacketException {
        ClientFqdn fqdn = ClientFqdn.decode(bytes(0x0e, 0, 0, 0));
        assertThat(fqdn.noUpdates()).isTrue();
        assertThat(fqdn.override()).isTrue();
        assertThat(fqdn.name()).isEqualTo(".");
    }

    @Test
    void rejectsValuesShorterThanFlagsAndRcodes() {
        assertThatThrownBy(() -> ClientFqdn.decode(bytes(0x05, 0)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
    }

    @Test
    void rejectsCompressionInsideAnEncodedName() {
        assertThatThrownBy(() -> ClientFqdn.decode(bytes(0x04, 0, 0, 1, 'a', 0xc0, 0x03)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_VALUE));
    }

    @Test
    void rejectsALabelRunningPastTheEnd() {
        assertThatThrownBy(() -> ClientFqdn.decode(bytes(0x04, 0, 0, 5, 'a')))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
    }
}
