package org.leasedesk.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away network for one test: namespaces joined by veth links, peers running in them, and a
 * temporary directory for their configuration, lease and capture files.
 *
 * <pre>{@code
 * try (NetworkLab lab = new NetworkLab()) {
 *     Namespace server = lab.namespace("server");
 *     Namespace client = lab.namespace("client");
 *     lab.link(server.iface("srv0").withAddress("192.0.2.1/24"), client.iface("cli0"));
 *     BackgroundProcess dnsmasq = server.start("dnsmasq", "--no-daemon", ...);
 *     CommandResult result = client.exec("udhcpc", "-f", "-q", "-n", "-i", "cli0");
 * }
 * }</pre>
 *
 * <p>Namespace names carry a random run id, so parallel builds on one machine never meet. Links
 * are created directly inside their namespaces, never in the host's, so interface names only have
 * to be unique within a namespace and nothing the lab makes is ever visible on the host network.
 *
 * <p>{@link #close()} stops every process the lab started, kills anything else still running in
 * its namespaces, deletes the namespaces (which removes their links) and the temporary directory,
 * even when the test failed half way; set {@code -Dleasedesk.netns.keep=true} to keep the
 * directory for a post-mortem. Requires root; {@link NetnsTest} checks that first.
 */
public final class NetworkLab implements AutoCloseable {

    static final Path NETNS_DIRECTORY = Path.of("/var/run/netns");
    /** ip netns exec bind-mounts files from here over /etc, per namespace. */
    private static final Path NETNS_ETC = Path.of("/etc/netns");
    private static final String KEEP_PROPERTY = "leasedesk.netns.keep";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]{1,12}");
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(NetworkLab.class);

    private final String runId;
    private final Path directory;
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<BackgroundProcess> processes = new ArrayList<>();
    private final AtomicInteger commandCounter = new AtomicInteger();

    public NetworkLab() {
        this.runId = randomRunId();
        try {
            this.directory = Files.createTempDirectory("leasedesk-lab-" + runId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Four random characters shared by every name this lab creates. */
    public String runId() {
        return runId;
    }

    /** The lab's temporary directory: configuration, leases, captures and every process's output. */
    public Path directory() {
        return directory;
    }

    /** A path in the lab directory; the file need not exist yet. */
    public Path file(String fileName) {
        Path path = directory.resolve(fileName).normalize();
        if (!path.getParent().equals(directory)) {
            throw new IllegalArgumentException("a plain file name is expected: " + fileName);
        }
        return path;
    }

    /** Writes a file (a peer's configuration, say) into the lab directory and returns its path. */
    public Path writeFile(String fileName, String content) {
        try {
            return Files.writeString(file(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file a peer wrote into the lab directory, such as its lease file. */
    public String readFile(String fileName) {
        try {
            return Files.readString(file(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a namespace with loopback up. It gets an empty resolv.conf of its own because
     * DHCP clients' scripts rewrite /etc/resolv.conf, and inside the namespace that must not be
     * the host's.
     *
     * @param label short lower-case name the test uses for it, such as {@code server}
     */
    public synchronized Namespace namespace(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("namespace label must be 1-12 of a-z, 0-9: " + label);
        }
        String name = "ld" + runId + "-" + label;
        setUp("ip", "netns", "add", name);
        Namespace namespace = new Namespace(this, label, name);
        namespaces.add(namespace);
        try {
            Path etc = Files.createDirectories(NETNS_ETC.resolve(name));
            Files.writeString(etc.resolve("resolv.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setUp("ip", "-n", name, "link", "set", "lo", "up");
        return namespace;
    }

    /**
     * Connects two namespaces with a veth pair, assigns each end its MAC and address when given,
     * and brings both ends up.
     */
    public Link link(LinkEnd a, LinkEnd b) {
        if (a.namespace().lab() != this || b.namespace().lab() != this) {
            throw new IllegalArgumentException("both ends must be in namespaces of this lab");
        }
        setUp("ip", "-n", a.namespace().name(), "link", "add", a.name(), "type", "veth",
                "peer", "name", b.name(), "netns", b.namespace().name());
        for (LinkEnd end : List.of(a, b)) {
            String namespace = end.namespace().name();
            end.mac().ifPresent(mac -> setUp("ip", "-n", namespace, "link", "set", end.name(), "address", mac));
            end.address().ifPresent(address -> setUp("ip", "-n", namespace, "address", "add", address, "dev", end.name()));
            setUp("ip", "-n", namespace, "link", "set", end.name(), "up");
        }
        return new Link(a, b);
    }

    CommandResult runToCompletion(List<String> fullCommand, List<String> shownCommand, Duration timeout) {
        String logName = nextLogName(shownCommand);
        Path stdout = file(logName + ".stdout");
        Path stderr = file(logName + ".stderr");
        Process process = launch(new ProcessBuilder(fullCommand)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                BackgroundProcess.stopTree(process);
                throw new IllegalStateException(String.join(" ", shownCommand) + " did not finish within " + timeout
                        + "\nstdout: " + Files.readString(stdout) + "\nstderr: " + Files.readString(stderr));
            }
            return new CommandResult(shownCommand, process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + shownCommand, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized BackgroundProcess startProcess(List<String> fullCommand, List<String> shownCommand) {
        Path output = file(nextLogName(shownCommand) + ".log");
        Process process = launch(new ProcessBuilder(fullCommand)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile()));
        BackgroundProcess started = new BackgroundProcess(shownCommand, process, output);
        processes.add(started);
        return started;
    }

    private Process launch(ProcessBuilder builder) {
        builder.environment().put("PATH", NetnsPrerequisites.searchPath());
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    /**
     * Runs a command in the host's namespace, for questions that do not touch the network such as
     * {@code dpkg-query}. Never use it to send or receive traffic.
     */
    public CommandResult execOnHost(String... command) {
        return runToCompletion(List.of(command), List.of(command), Namespace.DEFAULT_TIMEOUT);
    }

    private void setUp(String... command) {
        runToCompletion(List.of(command), List.of(command), SETUP_TIMEOUT).orThrow();
    }

    private String nextLogName(List<String> command) {
        String program = Path.of(command.getFirst()).getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
        return String.format(Locale.ROOT, "%03d-%s", commandCounter.incrementAndGet(), program);
    }

    /**
     * Stops processes in reverse start order, kills stragglers in the namespaces, deletes the
     * namespaces and the directory. Every step runs even if an earlier one fails; the first
     * failure is thrown at the end with the others attached.
     */
    @Override
    public synchronized void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (BackgroundProcess process : processes.reversed()) {
            attempt(failures, "stop " + process, process::close);
        }
        for (Namespace namespace : namespaces) {
            attempt(failures, "kill processes left in " + namespace, () -> killEverythingIn(namespace));
            attempt(failures, "delete " + namespace, () -> setUp("ip", "netns", "delete", namespace.name()));
            attempt(failures, "delete " + NETNS_ETC.resolve(namespace.name()), () -> deleteTree(NETNS_ETC.resolve(namespace.name())));
        }
        if (Boolean.getBoolean(KEEP_PROPERTY)) {
            LOG.info("kept lab directory {} ({}=true)", directory, KEEP_PROPERTY);
        } else {
            attempt(failures, "delete " + directory, () -> deleteTree(directory));
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    List<ProcessHandle> processesIn(Namespace namespace) {
        List<String> command = List.of("ip", "netns", "pids", namespace.name());
        return runToCompletion(command, command, SETUP_TIMEOUT).orThrow().stdout().lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).stream())
                .toList();
    }

    /**
     * A peer that daemonised (forked away from the process we started) is found here by its
     * namespace: every process in a namespace this lab created was started on the lab's behalf.
     */
    private void killEverythingIn(Namespace namespace) {
        List<ProcessHandle> left = processesIn(namespace);
        if (!left.isEmpty()) {
            LOG.warn("{} still had processes {}: killing them", namespace, left.stream().map(ProcessHandle::pid).toList());
            left.forEach(ProcessHandle::destroyForcibly);
            // A namespace can be deleted under a live process; wait so none outlives the lab.
            for (ProcessHandle process : left) {
                process.onExit().completeOnTimeout(process, SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
                if (process.isAlive()) {
                    throw new IllegalStateException("pid " + process.pid() + " in " + namespace + " survived SIGKILL");
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attempt(List<RuntimeException> failures, String step, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("lab cleanup: {} failed: {}", step, e.getMessage());
            failures.add(new IllegalStateException("lab cleanup: " + step + " failed", e));
        }
    }

    private static String randomRunId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return "NetworkLab " + runId + " " + namespaces;
    }
}
