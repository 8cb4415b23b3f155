package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegesTest {

    @TempDir
    Path directory;

    private Privileges withCapEff(String hex) throws Exception {
        Path status = Files.writeString(directory.resolve("status"), """
                Name:\tjava
                Uid:\t1000\t1000\t1000\t1000
                CapInh:\t0000000000000000
                CapPrm:\t%s
                CapEff:\t%s
                CapBnd:\t000001ffffffffff
                """.formatted(hex, hex));
        return new Privileges(status, "Linux");
    }

    @Test
    void rootWithEveryCapabilityMayRunTheEmbeddedClient() throws Exception {
        assertThat(withCapEff("000001ffffffffff").embeddedClientProblem()).isEmpty();
    }

    @Test
    void exactlyTheThreeNetworkCapabilitiesAreEnough() throws Exception {
        // bits 10, 12 and 13: 0x400 + 0x1000 + 0x2000
        assertThat(withCapEff("0000000000003400").embeddedClientProblem()).isEmpty();
    }

    @Test
    void anOrdinaryUserIsToldWhatIsNeededInOneSentence() throws Exception {
        assertThat(withCapEff("0000000000000000").embeddedClientProblem()).hasValueSatisfying(sentence -> {
            assertThat(sentence).contains("needs root or the capabilities CAP_NET_ADMIN, CAP_NET_RAW and CAP_NET_BIND_SERVICE")
                    .contains("missing: CAP_NET_ADMIN, CAP_NET_RAW, CAP_NET_BIND_SERVICE");
            assertThat(sentence.lines()).hasSize(1);
        });
    }

    @Test
    void aLauncherWithOnlyBindServiceIsToldTheTwoThatAreMissing() throws Exception {
        assertThat(withCapEff("0000000000000400").embeddedClientProblem())
                .hasValueSatisfying(sentence -> assertThat(sentence).contains("missing: CAP_NET_ADMIN, CAP_NET_RAW)"));
    }

    @Test
    void otherSystemsAreToldTheEmbeddedClientIsLinuxOnly() {
        assertThat(new Privileges(directory.resolve("absent"), "Windows 11").embeddedClientProblem())
                .hasValueSatisfying(sentence -> assertThat(sentence).startsWith("LeaseDesk's own DHCP client runs on Linux only"));
    }

    @Test
    void anUnreadableStatusFileStillGivesOneSentence() {
        assertThat(new Privileges(directory.resolve("absent"), "Linux").embeddedClientProblem())
                .hasValueSatisfying(sentence -> assertThat(sentence).startsWith("Cannot read the process's capabilities"));
    }
}
