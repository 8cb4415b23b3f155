package org.leasedesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.client.ClientFixture.MAC;
import static org.leasedesk.client.ClientFixture.OFFERED;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArpingConflictCheckTest {

    private final List<List<String>> commands = new ArrayList<>();

    private ArpingConflictCheck answering(int exitCode, String output) {
        return new ArpingConflictCheck(Path.of("/usr/sbin/arping"), 3, Duration.ofSeconds(4), (command, timeout) -> {
            commands.add(command);
            return new ArpingConflictCheck.CommandOutcome(exitCode, output);
        });
    }

    @Test
    void runsArpingInDuplicateAddressModeWithAnArgumentListOfValidatedValues() {
        answering(0, "").check("eth0", OFFERED, MAC);

        assertThat(commands).containsExactly(List.of("/usr/sbin/arping", "-D", "-c", "3", "-w", "4", "-I", "eth0", "192.0.2.100"));
    }

    @Test
    void silenceMeansTheAddressIsFree() {
        assertThat(answering(0, "Sent 3 probes (3 broadcast(s))\nReceived 0 response(s)").check("eth0", OFFERED, MAC))
                .isInstanceOf(ConflictCheckResult.Free.class);
    }

    @Test
    void aReplyMeansTheAddressIsInUseAndNamesWhoAnswered() {
        ConflictCheckResult result = answering(1, "ARPING 192.0.2.100 from 0.0.0.0 eth0\n"
                + "Unicast reply from 192.0.2.100 [00:00:5E:00:53:77]  0.612ms\nReceived 1 response(s)").check("eth0", OFFERED, MAC);

        assertThat(result).isEqualTo(new ConflictCheckResult.InUse("Unicast reply from 192.0.2.100 [00:00:5E:00:53:77]  0.612ms"));
    }

    @Test
    void anInterfaceNameThatCouldBeAnOptionOrWorseNeverReachesTheCommand() {
        ConflictCheckResult result = answering(0, "").check("eth0; reboot", OFFERED, MAC);

        assertThat(commands).isEmpty();
        assertThat(result).isInstanceOfSatisfying(ConflictCheckResult.NotChecked.class,
                notChecked -> assertThat(notChecked.reason()).contains("not an interface name"));
    }

    @Test
    void failuresToRunAreReportedAsNotCheckedWithTheReason() {
        ArpingConflictCheck missing = new ArpingConflictCheck(Path.of("/nonexistent/arping"), 3, Duration.ofSeconds(4), (command, timeout) -> {
            throw new IOException("Cannot run program \"/nonexistent/arping\": error=2, No such file or directory");
        });

        assertThat(missing.check("eth0", OFFERED, MAC)).isInstanceOfSatisfying(ConflictCheckResult.NotChecked.class,
                notChecked -> assertThat(notChecked.reason()).startsWith("arping could not run: Cannot run program"));
        assertThat(answering(2, "arping: unknown iface eth9").check("eth0", OFFERED, MAC))
                .isEqualTo(new ConflictCheckResult.NotChecked("arping exited with 2: arping: unknown iface eth9"));
    }
}
