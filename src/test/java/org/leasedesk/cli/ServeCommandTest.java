package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

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

        assertThat(run("serve", "--config", file.toString(), "--check")).isZero();
        assertThat(out.toString()).isEqualTo(file + ": configuration OK, 1 subnet(s), 1 pool(s), 1 reservation(s)\n");
        assertThat(err.toString()).contains("warning at Dhcp4/loggers: accepted but has no effect");
    }

    @Test
    void checkRefusesABadConfigurationNamingEachProblem() throws IOException {
        Path file = config("""
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "198.51.100.1 - 198.51.100.9" } ] } ],
                             "shared-networks": [ { "name": "x" } ] } }
                """);

        assertThat(run("serve", "--config", file.toString(), "--check")).isEqualTo(ServeCommand.CONFIG_REFUSED);
        assertThat(err.toString()).contains("2 errors, nothing applied", "error at Dhcp4/subnet4[0]/pools[0]/pool",
                "error at Dhcp4/shared-networks");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThat(run("serve", "--config", directory.resolve("absent.conf").toString(), "--check"))
                .isEqualTo(ServeCommand.CONFIG_REFUSED);
        assertThat(err.toString()).contains("absent.conf", "cannot read it");
    }

    @Test
    void servingAnInterfaceThatDoesNotExistSaysSo() throws IOException {
        Path file = config("{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" } ] } }");

        int code = run("serve", "--config", file.toString(), "--interface", "no-such-if0", "--port", "0",
                "--database", directory.resolve("leases").toString());

        assertThat(code).isEqualTo(ServeCommand.CANNOT_START);
        assertThat(err.toString()).startsWith("leasedesk serve: interface no-such-if0 does not exist here; this machine has [");
    }
}
