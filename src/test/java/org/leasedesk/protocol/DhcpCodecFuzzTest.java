package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the codec and the option text parser. In a normal build they replay the inputs
 * under src/test/resources/org/leasedesk/protocol/DhcpCodecFuzzTestInputs/; with JAZZER_FUZZ=1 one
 * selected method is fuzzed for up to maxDuration.
 */
class DhcpCodecFuzzTest {

    private static final int LARGEST_UDP_PAYLOAD = 65535;

    private final DhcpCodec codec = new DhcpCodec();
    private final OptionRegistry registry = OptionRegistry.standard();

    @FuzzTest(maxDuration = "5m")
    void decodeThrowsNothingButMalformedPacketException(byte[] packet) {
        try {
            codec.decode(packet);
        } catch (MalformedPacketException rejected) {
            assertThat(rejected.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "6m")
    void decodedPacketsReencodeExactlyAndFreshLayoutsDecodeToTheSameMessage(byte[] packet) throws MalformedPacketException {
        DhcpMessage decoded;
        try {
            decoded = codec.decode(packet);
        } catch (MalformedPacketException rejected) {
            return;
        }
        byte[] reencoded = codec.encode(decoded);
        assertThat(reencoded).isEqualTo(packet);
        assertThat(codec.decode(reencoded)).isEqualTo(decoded);

        DhcpMessage fresh = decoded.toBuilder().withoutWireLayout().build();
        byte[] freshBytes = codec.encode(fresh, LARGEST_UDP_PAYLOAD);
        assertThat(codec.decode(freshBytes)).isEqualTo(decoded);
    }

    @FuzzTest(maxDuration = "2m")
    void optionTextParsingThrowsOnlyIllegalArgumentExceptionAndYieldsValidValues(FuzzedDataProvider data)
            throws MalformedPacketException {
        int code = data.consumeInt(1, 254);
        String text = data.consumeRemainingAsString();
        var definition = registry.byCode(code);
        if (definition.isEmpty()) {
            return;
        }
        byte[] value;
        try {
            value = registry.parse(definition.get(), text);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).startsWith("option " + code + " (");
            return;
        }
        registry.validate(code, value);
        assertThat(registry.format(code, value)).isNotNull();
    }
}
