package org.leasedesk.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process started in a namespace by {@link Namespace#start}, for example a DHCP server or
 * tcpdump. Standard output and error go, interleaved, to one file in the lab directory, so a full
 * pipe can never stall the peer and the log survives for the failure message.
 *
 * <p>{@link #close()} stops the whole process tree: TERM first so peers shut down cleanly
 * (tcpdump flushes its file, servers write their lease files), KILL for whatever is left.
 */
public final class BackgroundProcess implements AutoCloseable {

    /** Signals peers react to; numbers as on Linux x86-64 and arm64. */
    public enum Signal {
        HUP(1), USR1(10), USR2(12), ALRM(14), TERM(15);

        private final int number;

        Signal(int number) {
            this.number = number;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private final List<String> command;
    private final Process process;
    private final Path outputFile;

    BackgroundProcess(List<String> command, Process process, Path outputFile) {
        this.command = List.copyOf(command);
        this.process = process;
        this.outputFile = outputFile;
    }

    /** The command as given, without the {@code ip netns exec NAME} prefix. */
    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path outputFile() {
        return outputFile;
    }

    /** Everything the process has printed so far, standard output and error interleaved. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the output contains {@code marker}, such as a server's "started" line.
     *
     * @throws IllegalStateException if the process exits first or the timeout passes, with its output
     */
    public void awaitOutput(String marker, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!output().contains(marker)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(describe() + " exited with " + process.exitValue()
                        + " before printing \"" + marker + "\":\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(describe() + " did not print \"" + marker + "\" within "
                        + timeout + ":\n" + output());
            }
            sleep(POLL);
        }
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(describe() + " still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + describe(), e);
        }
    }

    /** Sends a signal to the process itself, for example USR1 to make udhcpc renew. */
    public void signal(Signal signal) {
        LinuxCalls.libc().kill(Math.toIntExact(process.pid()), signal.number);
    }

    /** Stops the process and its descendants; harmless when it has already exited. */
    @Override
    public void close() {
        stopTree(process);
    }

    /** TERM to the process and its descendants, a grace period, then KILL for any survivor. */
    static void stopTree(Process process) {
        // Collected before signalling: once the parent dies its children are reparented and lost.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(GRACE);
        for (ProcessHandle handle : tree) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                handle.onExit().get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("pid {} did not stop within {} of TERM: killing it", handle.pid(), GRACE);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String describe() {
        return command.getFirst() + " (pid " + process.pid() + ")";
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
