package org.leasedesk.server.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class KeaConfigReaderFuzzTest {

    private final KeaConfigReader reader = new KeaConfigReader();

    /** Whatever text an admin (or an attacker with write access to a file) hands us, the only failure is a ConfigException. */
    @FuzzTest
    void anyTextIsEitherReadOrRefusedWithProblems(FuzzedDataProvider data) {
        try {
            reader.read(data.consumeRemainingAsString(), "fuzz.conf");
        } catch (ConfigException refused) {
            if (refused.problems().isEmpty()) {
                throw new AssertionError("a refusal must say why", refused);
            }
        }
    }
}
