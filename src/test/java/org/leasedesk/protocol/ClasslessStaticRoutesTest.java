package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;
import static org.leasedesk.protocol.RawPacket.ip;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClasslessStaticRoutesTest {

    /** RFC 3442 section 3: the destination descriptor keeps only the significant octets. */
    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0, 00",
        "10.0.0.0, 8, 080a",
        "10.0.0.0, 24, 180a0000",
        "10.17.0.0, 16, 100a11",
        "10.27.129.0, 24, 180a1b81",
        "10.229.0.128, 25, 190ae50080",
        "10.198.122.47, 32, 200ac67a2f"})
    void encodesDestinationsAsInRfc3442(String network, int width, String descriptor) throws MalformedPacketException {
        var route = new ClasslessStaticRoutes.Route(ip(network), width, ip("192.0.2.1"));
        byte[] expected = java.util.HexFormat.of().parseHex(descriptor + "c0000201");
        assertThat(new ClasslessStaticRoutes(List.of(route)).encode()).containsExactly(expected);
        assertThat(ClasslessStaticRoutes.decode(expected).routes()).containsExactly(route);
    }

    @Test
    void keepsRoutesInOrder() throws MalformedPacketException {
        byte[] value = bytes(24, 192, 168, 1, 10, 0, 0, 1, 0, 10, 0, 0, 254);
        assertThat(ClasslessStaticRoutes.decode(value).routes()).extracting(Object::toString)
                .containsExactly("192.168.1.0/24 - 10.0.0.1", "0.0.0.0/0 - 10.0.0.254");
    }

    @Test
    void rejectsAWidthAbove32() {
        assertThatThrownBy(() -> ClasslessStaticRoutes.decode(bytes(33, 1, 2, 3, 4, 5, 1, 2, 3, 4)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_VALUE))
                .hasMessageContaining("prefix width 33");
    }

    @Test
    void rejectsARouteCutShort() {
        assertThatThrownBy(() -> ClasslessStaticRoutes.decode(bytes(24, 10, 0, 0, 10, 0, 0)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
    }

    @Test
    void rejectsHostBitsInTheDestination() {
        assertThatThrownBy(() -> ClasslessStaticRoutes.decode(bytes(25, 10, 229, 0, 129, 10, 0, 0, 1)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_VALUE));
    }
}
