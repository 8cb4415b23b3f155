package org.leasedesk.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.leasedesk.protocol.HardwareAddress;

/**
 * Duplicate address detection with {@code arping -D} (iputils or busybox): it sends ARP probes from
 * 0.0.0.0 and exits 0 when nobody answers, 1 when someone does (RFC 5227 probing, done by a tool
 * that holds the raw-socket privilege). The command is an argument list built from the validated
 * interface name and the address's numeric form; no shell ever sees it.
 */
public final class ArpingConflictCheck implements AddressConflictCheck {

    /** Where Debian, Fedora and busybox systems put arping. */
    private static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/arping"), Path.of("/usr/bin/arping"),
            Path.of("/sbin/arping"), Path.of("/bin/arping"));

    /** Runs a command to completion; replaced in tests. */
    @FunctionalInterface
    public interface CommandRunner {
        CommandOutcome run(List<String> command, Duration timeout) throws IOException, InterruptedException;
    }

    /** @param exitCode the command's exit code, or -1 when it was killed at the timeout */
    public record CommandOutcome(int exitCode, String output) {
        public CommandOutcome {
            Objects.requireNonNull(output, "output");
        }
    }

    private final Path arping;
    private final int probes;
    private final Duration deadline;
    private final CommandRunner runner;

    /**
     * @param probes ARP probes to send (RFC 5227 PROBE_NUM: 3)
     * @param deadline how long arping may run before it is stopped (-w)
     */
    public ArpingConflictCheck(Path arping, int probes, Duration deadline, CommandRunner runner) {
        this.arping = Objects.requireNonNull(arping, "arping");
        if (probes < 1 || probes > 10) {
            throw new IllegalArgumentException("send 1 to 10 probes, got " + probes);
        }
        this.probes = probes;
        if (deadline.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("arping needs a deadline of at least 1 s, got " + deadline);
        }
        this.deadline = deadline;
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * arping with three probes and a four-second deadline when it is installed in a usual place,
     * else a check that reports it is unavailable and why.
     */
    public static AddressConflictCheck installedOrUnavailable() {
        return USUAL_PLACES.stream().filter(Files::isExecutable).findFirst()
                .<AddressConflictCheck>map(found -> new ArpingConflictCheck(found, 3, Duration.ofSeconds(4), ArpingConflictCheck::runProcess))
                .orElseGet(() -> AddressConflictCheck.unavailable("arping is not installed (looked in " + USUAL_PLACES
                        + "); install iputils-arping to check addresses before use"));
    }

    /** The exact argument list run for a check; exposed so tests can see that nothing else gets in. */
    List<String> command(String interfaceName, Inet4Address address) {
        if (!ClientSettings.isInterfaceName(interfaceName)) {
            throw new IllegalArgumentException("refusing to pass '" + interfaceName + "' to arping: not an interface name");
        }
        return List.of(arping.toString(), "-D", "-c", Integer.toString(probes), "-w", Long.toString(deadline.toSeconds()),
                "-I", interfaceName, address.getHostAddress());
    }

    @Override
    public ConflictCheckResult check(String interfaceName, Inet4Address address, HardwareAddress ownHardwareAddress) {
        List<String> command;
        try {
            command = command(interfaceName, address);
        } catch (IllegalArgumentException refused) {
            return new ConflictCheckResult.NotChecked(refused.getMessage());
        }
        CommandOutcome outcome;
        try {
            outcome = runner.run(command, deadline.plusSeconds(2));
        } catch (IOException e) {
            return new ConflictCheckResult.NotChecked("arping could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConflictCheckResult.NotChecked("interrupted while arping ran");
        }
        return switch (outcome.exitCode()) {
            case 0 -> new ConflictCheckResult.Free("no ARP reply to " + probes + " probe(s) for " + address.getHostAddress());
            case 1 -> new ConflictCheckResult.InUse(replyLine(outcome.output()));
            default -> new ConflictCheckResult.NotChecked("arping exited with " + outcome.exitCode() + ": " + outcome.output().strip());
        };
    }

    /** The line naming who answered, such as {@code Unicast reply from 192.0.2.100 [00:00:5E:00:53:77]}. */
    private static String replyLine(String output) {
        return output.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains("reply from")).findFirst()
                .map(String::strip).orElse("arping got an ARP reply");
    }

    private static CommandOutcome runProcess(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new CommandOutcome(-1, "arping did not finish within " + timeout);
        }
        try (InputStream output = process.getInputStream()) {
            return new CommandOutcome(process.exitValue(), new String(output.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
