package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.leasedesk.testing.ChildJvm;
import org.leasedesk.testing.netns.CommandResult;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path directory;

    private Path config(String json) throws IOException {
        return Files.writeString(directory.resolve("kea-dhcp4.conf"), json);
    }

    @Test
    void checkAcceptsAGoodConfigurationAndSummarisesIt() throws IOException {
        Path file = config("""
                { "Dhcp4": { "loggers": [],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                                 "reservations": [ { "hw-address": "00:00:5e:00:53:01", "ip-address": "192.0.2.5" } ] } ] } }
                """);

        CliRun run = CliRun.of("serve", "--config", file.toString(), "--check");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(file + ": configuration OK, 1 subnet(s), 1 pool(s), 1 reservation(s)\n");
        assertThat(run.err()).contains("warning at Dhcp4/loggers: accepted but has no effect");
    }

    @Test
    void checkRefusesABadConfigurationNamingEachProblem() throws IOException {
        Path file = config("""
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "198.51.100.1 - 198.51.100.9" } ] } ],
                             "shared-networks": [ { "subnet4": [] } ] } }
                """);

        CliRun run = CliRun.of("serve", "--config", file.toString(), "--check");

        assertThat(run.exitCode()).isEqualTo(ServeCommand.CONFIG_REFUSED);
        assertThat(run.err()).contains("2 errors, nothing applied", "error at Dhcp4/subnet4[0]/pools[0]/pool",
                "error at Dhcp4/shared-networks[0]: a shared network needs a \"name\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingFileIsAClearError() {
        CliRun run = CliRun.of("serve", "--config", directory.resolve("absent.conf").toString(), "--check");

        assertThat(run.exitCode()).isEqualTo(ServeCommand.CONFIG_REFUSED);
        assertThat(run.err()).contains("absent.conf", "cannot read it");
    }

    @Test
    void servingAnInterfaceThatDoesNotExistSaysSo() throws IOException {
        Path file = config("{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" } ] } }");

        CliRun run = CliRun.of("serve", "--config", file.toString(), "--interface", "no-such-if0", "--port", "0",
                "--database", directory.resolve("leases").toString());

        assertThat(run.exitCode()).isEqualTo(ServeCommand.CANNOT_START);
        assertThat(run.err()).startsWith("leasedesk serve: interface no-such-if0 does not exist here; this machine has [");
    }

    /**
     * Root without CAP_NET_BIND_SERVICE is refused port 67 like any user; the server runs in a
     * namespace of its own so nothing else can hold the port.
     */
    @Test
    @NetnsTest(requires = "setpriv")
    void withoutThePrivilegeForPort67TheServerSaysWhatToDo(NetworkLab lab) throws IOException {
        Path file = config("{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\","
                + " \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\" } ] } ] } }");
        Namespace space = lab.namespace("unprivileged");
        List<String> command = new ArrayList<>(List.of("setpriv", "--bounding-set=-net_bind_service", "--"));
        command.addAll(ChildJvm.command(Main.class, "serve", "--config", file.toString(), "--listen", "127.0.0.1",
                "--server-id", "192.0.2.1", "--database", directory.resolve("leases").toString()));

        CommandResult result = space.exec(Duration.ofSeconds(60), command);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ServeCommand.CANNOT_START);
        assertThat(result.stderr()).contains("port 67 needs privileges").contains("setcap cap_net_bind_service=+ep")
                .doesNotContain("Exception");
    }
}
