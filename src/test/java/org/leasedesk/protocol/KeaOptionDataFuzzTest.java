package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for Kea's option-data dialect: whatever a configuration file says, reading it throws
 * nothing but IllegalArgumentException, and what it yields can be packed and shown. In a normal build
 * it replays the inputs under src/test/resources/org/leasedesk/protocol/KeaOptionDataFuzzTestInputs/;
 * with JAZZER_FUZZ=1 it is fuzzed for up to maxDuration.
 */
class KeaOptionDataFuzzTest {

    private static final OptionType[] TYPES = OptionType.values();

    @FuzzTest(maxDuration = "2m")
    void optionDataThrowsOnlyIllegalArgumentException(FuzzedDataProvider data) {
        OptionDefinition definition;
        try {
            definition = definition(data);
        } catch (IllegalArgumentException notADefinitionKeaAccepts) {
            return;
        }
        boolean csv = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        List<String> notes = new ArrayList<>();
        try {
            byte[] bytes = csv ? KeaOptionData.fromCsv(definition, text, notes::add) : KeaOptionData.hexData(text);
            KeaOption option = KeaOptionData.instantiate(definition, bytes, KeaOptionData.Definitions.NONE, notes::add);
            byte[] value = option.value();
            assertThat(KeaOptionData.text(definition, value)).isNotNull();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
        assertThat(notes).allSatisfy(note -> assertThat(note).isNotBlank());
    }

    /** A standard definition, or a custom one of fuzzed shape (which Kea's rules may refuse). */
    private static OptionDefinition definition(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return OptionRegistry.standard().byCode(data.consumeInt(1, 254))
                    .orElseGet(() -> OptionRegistry.standard().byCode(78).orElseThrow());
        }
        OptionType type = data.pickValue(TYPES);
        List<OptionType> fields = new ArrayList<>();
        if (type == OptionType.RECORD) {
            int count = data.consumeInt(0, 4);
            for (int i = 0; i < count; i++) {
                fields.add(data.pickValue(TYPES));
            }
        }
        boolean array = data.consumeBoolean();
        String encapsulate = data.consumeBoolean() ? "" : "sub";
        return new OptionDefinition(data.consumeInt(1, 254), "fuzzed", type, array, fields, OptionDefinition.DHCP4, encapsulate);
    }
}
