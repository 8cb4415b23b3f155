package org.leasedesk.server.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.leasedesk.protocol.OptionRegistry;

class KeaConfigReaderFuzzTest {

    private final ServerConfigLoader loader = new ServerConfigLoader(OptionRegistry.standard());

    /**
     * Whatever text an admin (or anyone with write access to the file) hands us, reading and mapping
     * it either yields a configuration or a refusal that says why; nothing else escapes.
     */
    @FuzzTest
    void anyTextIsEitherLoadedOrRefusedWithProblems(FuzzedDataProvider data) {
        try {
            loader.load(data.consumeRemainingAsString(), "fuzz.conf");
        } catch (ConfigException refused) {
            if (refused.problems().isEmpty()) {
                throw new AssertionError("a refusal must say why", refused);
            }
        }
    }
}
