package org.leasedesk.differential;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MalformedPacketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every DHCP reply a server sends, seen leaving its interface: a packet socket on the server's
 * bridge keeps the frames the host transmits (Kea's raw frames and the kernel's datagrams for
 * LeaseDesk alike) with their destination MAC, IP and port, whoever they were for and whether or
 * not anyone could receive them. Replies are kept by xid until {@link #clear()}.
 */
final class ReplyCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyCapture.class);

    /** One reply as it left the server. */
    record Reply(Instant seen, byte[] destinationMac, byte[] sourceMac, Inet4Address source, int sourcePort,
                 Inet4Address destination, int destinationPort, Optional<DhcpMessage> message, byte[] payload, String undecodable) {}

    private final PacketSocket socket;
    private final DhcpCodec codec = new DhcpCodec();
    private final Map<Integer, List<Reply>> byXid = new HashMap<>();
    private final Thread receiver;
    private volatile boolean running = true;

    ReplyCapture(PacketSocket socket) {
        this.socket = socket;
        this.receiver = Thread.ofPlatform().name("reply-capture").daemon(true).start(this::receive);
    }

    private void receive() {
        while (running) {
            try {
                socket.receive(100)
                        .filter(received -> received.packetType() == PacketSocket.PACKET_OUTGOING)
                        .flatMap(received -> Frames.parseUdp(received.frame()))
                        .filter(udp -> udp.sourcePort() == DirectLink.SERVER_PORT && udp.payload().length > 240 && udp.payload()[0] == 2)
                        .ifPresent(this::keep);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("reply capture: {}", e.toString());
                }
            }
        }
    }

    private void keep(Frames.UdpFrame udp) {
        Optional<DhcpMessage> message;
        String undecodable = "";
        try {
            message = Optional.of(codec.decode(udp.payload()));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            message = Optional.empty();
            undecodable = e.getMessage();
        }
        byte[] p = udp.payload();
        int xid = (p[4] & 0xff) << 24 | (p[5] & 0xff) << 16 | (p[6] & 0xff) << 8 | (p[7] & 0xff);
        Reply reply = new Reply(Instant.now(), udp.destinationMac(), udp.sourceMac(), udp.source(), udp.sourcePort(),
                udp.destination(), udp.destinationPort(), message, p, undecodable);
        synchronized (this) {
            byXid.computeIfAbsent(xid, x -> new ArrayList<>()).add(reply);
            notifyAll();
        }
    }

    /** The first reply with {@code xid}, waiting up to {@code timeout} for it. */
    synchronized Optional<Reply> await(int xid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!byXid.containsKey(xid)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.of(byXid.get(xid).getFirst());
    }

    /** Every reply seen so far with {@code xid}, in order. */
    synchronized List<Reply> all(int xid) {
        return List.copyOf(byXid.getOrDefault(xid, List.of()));
    }

    synchronized void clear() {
        byXid.clear();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        receiver.join();
        socket.close();
    }
}
