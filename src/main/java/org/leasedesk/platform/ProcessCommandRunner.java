package org.leasedesk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@link ProcessBuilder}: an argument array, no shell, standard input closed.
 * Output goes to temporary files rather than pipes because DHCP clients daemonise: a background
 * child that inherited a pipe would keep a reader waiting long after the command itself returned.
 * The process runs in the network namespace of the calling thread.
 */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public CommandOutput run(List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("leasedesk-cmd-", ".out");
            stderr = Files.createTempFile("leasedesk-cmd-", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PlatformException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s and was stopped.");
            }
            return new CommandOutput(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PlatformException("Cannot run " + command.getFirst() + " (" + e.getMessage() + "); is it installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while " + command.getFirst() + " ran.", e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless; the result matters more.
            }
        }
    }
}
