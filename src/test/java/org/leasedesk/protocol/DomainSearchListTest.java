package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainSearchListTest {

    /** RFC 3397 section 2: "eng.apple.com." and "marketing.apple.com.", the second ending in a pointer to offset 4. */
    static final byte[] RFC_3397_EXAMPLE = bytes(
            3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
            9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 0x04);

    @Test
    void encodesTheRfc3397ExampleWithACompressionPointer() {
        assertThat(new DomainSearchList(List.of("eng.apple.com", "marketing.apple.com")).encode()).containsExactly(RFC_3397_EXAMPLE);
    }

    @Test
    void decodesTheRfc3397Example() throws MalformedPacketException {
        assertThat(DomainSearchList.decode(RFC_3397_EXAMPLE).domains()).containsExactly("eng.apple.com", "marketing.apple.com");
    }

    @Test
    void followsPointersToPointers() throws MalformedPacketException {
        byte[] value = bytes(3, 'c', 'o', 'm', 0, 0xc0, 0x00, 1, 'a', 0xc0, 0x05);
        assertThat(DomainSearchList.decode(value).domains()).containsExactly("com", "com", "a.com");
    }

    @Test
    void rejectsAPointerThatPointsForward() {
        assertThatThrownBy(() -> DomainSearchList.decode(bytes(0xc0, 0x02, 1, 'a', 0)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_VALUE))
                .hasMessageContaining("points forward");
    }

    @Test
    void rejectsAPointerLoop() {
        // "a" then a pointer back to the start of the same name: a.a.a.a... forever.
        assertThatThrownBy(() -> DomainSearchList.decode(bytes(1, 'a', 0xc0, 0x00)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("points forward or into its own name");
    }

    @Test
    void rejectsACutOffPointerAndAMissingRootLabel() {
        assertThatThrownBy(() -> DomainSearchList.decode(bytes(1, 'a', 0xc0)))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
        assertThatThrownBy(() -> DomainSearchList.decode(bytes(1, 'a')))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.BAD_OPTION_LENGTH));
    }

    @Test
    void rejectsNamesLongerThan255Bytes() {
        String label = "a".repeat(63);
        assertThatThrownBy(() -> new DomainSearchList(List.of(String.join(".", label, label, label, label))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the limit is 255");
    }

    @Test
    void rejectsLabelsWithSpacesOrControlCharacters() {
        assertThatThrownBy(() -> new DomainSearchList(List.of("bad name.example")))
                .hasMessageContaining("not allowed in a label");
        assertThatThrownBy(() -> DomainSearchList.decode(bytes(2, 'a', 0x0a, 0)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("byte 0xa");
    }

    @Test
    void aTrailingRootDotIsTheSameDomain() {
        assertThat(new DomainSearchList(List.of("example.com."))).isEqualTo(new DomainSearchList(List.of("example.com")));
    }
}
