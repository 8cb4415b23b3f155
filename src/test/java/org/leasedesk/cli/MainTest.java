package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionPrintsTheBuildVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("LeaseDesk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void helpDescribesTheCommandItsOptionsAndSubcommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: leasedesk", "--version", "--help", "opens the desktop application", "serve");
    }

    @Test
    void unknownOptionIsAnErrorNamingIt() {
        CliRun run = CliRun.of("--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }
}
