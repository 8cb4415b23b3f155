package org.leasedesk.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * tcpdump capturing DHCP traffic (UDP ports 67 and 68) on one interface of a namespace into a pcap
 * file in the lab directory, read back with {@link PcapReader}.
 *
 * <pre>{@code
 * try (PacketCapture capture = client.capture("cli0")) {
 *     ... run a client ...
 *     capture.awaitDatagrams(seen -> seen.size() >= 4, Duration.ofSeconds(10));
 *     List<CapturedDatagram> exchange = capture.stop();
 * }
 * }</pre>
 */
public final class PacketCapture implements AutoCloseable {

    /** tcpdump prints this to standard error once its socket is open; packets before it are missed. */
    private static final String READY_MARKER = "listening on";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    private final BackgroundProcess tcpdump;
    private final Path file;

    private PacketCapture(BackgroundProcess tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    static PacketCapture start(Namespace namespace, String interfaceName) {
        Path file = namespace.lab().file("capture-" + namespace.label() + "-" + interfaceName + "-"
                + System.nanoTime() + ".pcap");
        // -U writes each packet as it arrives, so the file can be polled while tcpdump runs;
        // --immediate-mode stops packets waiting in the kernel ring when we stop tcpdump.
        BackgroundProcess tcpdump = namespace.start("tcpdump", "-i", interfaceName, "-n", "-U", "--immediate-mode",
                "-w", file.toString(), "udp port 67 or udp port 68");
        tcpdump.awaitOutput(READY_MARKER, START_TIMEOUT);
        return new PacketCapture(tcpdump, file);
    }

    /** The pcap file tcpdump writes. */
    public Path file() {
        return file;
    }

    /** What has been captured so far. */
    public List<CapturedDatagram> datagrams() {
        try {
            return Files.size(file) == 0 ? List.of() : PcapReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls the capture until {@code complete} accepts what has been seen, for example "an ACK
     * went to the client", and returns it.
     *
     * @throws IllegalStateException on timeout, listing what was captured
     */
    public List<CapturedDatagram> awaitDatagrams(Predicate<List<CapturedDatagram>> complete, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<CapturedDatagram> seen = datagrams();
        while (!complete.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("capture incomplete after " + timeout + "; captured " + seen.size()
                        + " datagrams:\n" + String.join("\n", seen.stream().map(CapturedDatagram::toString).toList()));
            }
            BackgroundProcess.sleep(POLL);
            seen = datagrams();
        }
        return seen;
    }

    /** Stops tcpdump, letting it finish the file, and returns everything captured. */
    public List<CapturedDatagram> stop() {
        tcpdump.close();
        return datagrams();
    }

    @Override
    public void close() {
        tcpdump.close();
    }
}
