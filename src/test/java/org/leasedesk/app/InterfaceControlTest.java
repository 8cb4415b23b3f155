package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.platform.CommandOutput;
import org.leasedesk.platform.CommandRunner;
import org.leasedesk.platform.LinuxDhcpOwners;
import org.leasedesk.platform.Privileges;
import org.leasedesk.platform.ProcessCommandRunner;
import org.leasedesk.store.LeaseDatabase;

/** What InterfaceControl says before it tries anything: privileges, unknown interfaces. */
class InterfaceControlTest {

    @TempDir
    Path directory;

    /** Privileges read from a status file with no capabilities, as an ordinary user's process has. */
    private Privileges unprivileged() throws Exception {
        Path status = Files.writeString(directory.resolve("status"), "Name:\tjava\nCapEff:\t0000000000000000\n");
        return new Privileges(status, "Linux");
    }

    private InterfaceControl control(CommandRunner runner, Privileges privileges, LeaseDatabase database, boolean apply) {
        ClientOptions options = new ClientOptions(68, 67, Optional.empty(), Duration.ofSeconds(5), apply, Optional.empty(),
                Thread.ofPlatform().factory());
        return new InterfaceControl(runner, privileges, new LinuxDhcpOwners(), database, options, Clock.systemUTC(), "Linux");
    }

    @Test
    void withoutPrivilegesTheEmbeddedClientSaysWhatItNeedsBeforeSendingAnything() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        ProcessCommandRunner real = new ProcessCommandRunner();
        CommandRunner recording = (command, timeout) -> {
            ran.add(command);
            return real.run(command, timeout);
        };
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("db"))) {
            InterfaceControl control = control(recording, unprivileged(), database, true);

            assertThatThrownBy(() -> control.renew("lo", (exchange, entry) -> { }))
                    .isInstanceOf(ControlException.class)
                    .hasMessageStartingWith("Releasing or renewing with LeaseDesk's own DHCP client needs root or the capabilities");
            assertThatThrownBy(() -> control.discover("lo", Duration.ofSeconds(1), (exchange, entry) -> { }))
                    .isInstanceOf(ControlException.class).hasMessageContaining("CAP_NET_BIND_SERVICE");
            assertThat(ran).as("only the interface was looked up").allMatch(command -> command.equals(List.of("ip", "-o", "link", "show")));
        }
    }

    @Test
    void anUnknownInterfaceIsOneSentenceAndAnIpFailureToo() throws Exception {
        CommandRunner broken = (command, timeout) -> new CommandOutput(command, 255, "", "Cannot open netlink socket: Permission denied\n");
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("db"))) {
            assertThatThrownBy(() -> control(new ProcessCommandRunner(), unprivileged(), database, false).status("nosuch0"))
                    .isInstanceOf(ControlException.class)
                    .hasMessage("There is no network interface named 'nosuch0' on this machine.");
            assertThatThrownBy(() -> control(broken, unprivileged(), database, false).status("eth0"))
                    .isInstanceOf(ControlException.class)
                    .hasMessage("ip -o link show exited with 255: Cannot open netlink socket: Permission denied");
        }
    }
}
