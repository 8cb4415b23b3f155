package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"000c29aabbcc", "00:0c:29:aa:bb:cc", "00-0C-29-AA-BB-CC", "000c.29aa.bbcc", "0:c:29:aa:bb:cc", " 00:0C:29:aA:Bb:cc "})
    void readsEverySpellingAndPrintsLowerCaseWithColons(String spelling) {
        assertThat(HardwareAddress.parse(spelling).toString()).isEqualTo("00:0c:29:aa:bb:cc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00:0c:29:aa:bb:", "000c29aabbc", "00:0c-29:aa:bb:cc", "00:0c:29:aa:bb:zz", "000:c29:aa:bb:cc",
        "000c.29aa.bbc", "00112233445566778899aabbccddeeff00"})
    void rejectsWhatIsNotAHardwareAddress(String spelling) {
        assertThatThrownBy(() -> HardwareAddress.parse(spelling)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByContent() {
        assertThat(HardwareAddress.parse("000c29aabbcc")).isEqualTo(HardwareAddress.parse("00:0C:29:AA:BB:CC"))
                .hasSameHashCodeAs(HardwareAddress.parse("00:0C:29:AA:BB:CC"));
    }
}
