package org.leasedesk.platform;

import java.util.List;
import java.util.Objects;

/** How a command ended: its argument list, exit code and what it printed. */
public record CommandOutput(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandOutput {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The same output attributed to another command line, as when a wrapper (sudo, nsenter) ran it. */
    public CommandOutput withCommand(List<String> shown) {
        return new CommandOutput(shown, exitCode, stdout, stderr);
    }

    /** This output when the command exited 0, else a {@link PlatformException} quoting the command and its own words. */
    public CommandOutput orThrow() {
        if (!succeeded()) {
            String said = (stderr.isBlank() ? stdout : stderr).strip().lines().findFirst().orElse("no output");
            throw new PlatformException(String.join(" ", command) + " exited with " + exitCode + ": " + said);
        }
        return this;
    }
}
