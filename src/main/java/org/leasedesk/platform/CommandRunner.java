package org.leasedesk.platform;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command given as an argument list, never through a shell. {@link ProcessCommandRunner}
 * runs it here; tests record what would run, or run it inside a network namespace.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @throws PlatformException when the program cannot be started or does not finish within the timeout
     */
    CommandOutput run(List<String> command, Duration timeout);
}
