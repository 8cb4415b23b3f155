package org.leasedesk.app.lab;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated client fleet on one loopback UDP socket: each client runs DISCOVER, OFFER, REQUEST,
 * ACK, renews at T1, sometimes releases or declines, and starts over after a NAK or a timeout. The
 * lab server redirects every reply to this socket, and the fleet matches replies to clients by xid
 * and chaddr, so nothing the fleet does leaves the machine.
 *
 * <p>One thread owns every client's state, the timers and the counters: no locks on the packet
 * path. Listeners hear the counters at most five times a second, on that thread.
 */
public final class LabFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LabFleet.class);

    /** Hears the fleet's counters, on the fleet's thread; hand the work to your own thread. */
    public interface Listener {
        void countersChanged(FleetCounters counters);
    }

    /** How long a client waits for an answer before it gives up on the exchange. */
    static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a client rests after a release, decline, NAK or timeout before it starts again. */
    static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Exchanges started but not finished, at most (new DORAs and renewals alike): a full-speed fleet
     * keeps the server busy without flooding its queue.
     */
    static final int MAX_IN_FLIGHT = 256;
    private static final long RENEWAL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long PUBLISH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int[] PARAMETERS = {1, 3, 6, 12, 15, 51, 58, 59};

    private enum Phase { IDLE, SELECTING, REQUESTING, BOUND, RENEWING, PAUSED }

    private enum TimerKind { TIMEOUT, RENEW, RESUME }

    private static final class Client {
        final HardwareAddress mac;
        final byte[] chaddr;
        final byte[] clientId;
        final String hostname;
        Phase phase = Phase.IDLE;
        int xid;
        int generation;
        Inet4Address address;

        Client(HardwareAddress mac, byte[] clientId, String hostname) {
            this.mac = mac;
            this.chaddr = mac.bytes();
            this.clientId = clientId;
            this.hostname = hostname;
        }
    }

    private record Timer(long due, Client client, int generation, TimerKind kind) {}

    private final DhcpCodec codec = new DhcpCodec();
    private final LabSettings settings;
    private final DatagramChannel channel;
    /** Where replies for clients outside the fleet go: the Interfaces view's own client in the lab. */
    private volatile Optional<InetSocketAddress> othersTo = Optional.empty();
    private final Selector selector;
    private final List<Client> clients;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final SplittableRandom random;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(65_535);

    // Owned by the fleet thread.
    private final ArrayDeque<Client> idle = new ArrayDeque<>();
    private final Map<Integer, Client> byXid = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
    private long doraCompleted;
    private long renewals;
    private long releases;
    private long declines;
    private long naks;
    private long timeouts;
    private int bound;
    private int inFlight;
    private int nextXid;
    private double tokens;
    private long lastRefill;

    private volatile double rate;
    private volatile boolean running;
    private volatile FleetCounters published = FleetCounters.NONE;
    private Thread thread;
    private InetSocketAddress server;
    private Inet4Address serverId;

    private LabFleet(LabSettings settings, DatagramChannel channel, Selector selector, long seed) {
        this.settings = settings;
        this.channel = channel;
        this.selector = selector;
        this.rate = settings.rate();
        this.random = new SplittableRandom(seed);
        this.nextXid = random.nextInt();
        this.clients = createClients(settings.clients(), random);
    }

    /**
     * The lab server sends every reply to the fleet's socket; replies to a client that is not one of
     * the fleet's (LeaseDesk's own client, driven from the Interfaces view) are passed on to {@code target}.
     */
    public void forwardOthersTo(InetSocketAddress target) {
        othersTo = Optional.of(target);
    }

    /** Opens the fleet's socket on an ephemeral loopback port; {@link #start} sends the first packets. */
    public static LabFleet open(LabSettings settings) throws IOException {
        return open(settings, System.nanoTime());
    }

    static LabFleet open(LabSettings settings, long seed) throws IOException {
        Objects.requireNonNull(settings, "settings");
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            // A burst of replies must not overflow the socket while the fleet thread sends.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new LabFleet(settings, channel, selector, seed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Every third client identifies itself with a client identifier (type 1 and its MAC, as Windows
     * and NetworkManager do) and every second one sends a host name, so the tables show all kinds.
     * MACs are locally administered (02:...) so they cannot collide with a real vendor's.
     */
    private static List<Client> createClients(int count, SplittableRandom random) {
        int prefix = random.nextInt(0x10000);
        List<Client> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] mac = {0x02, (byte) (prefix >> 8), (byte) prefix, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            byte[] clientId = null;
            if (i % 3 == 2) {
                clientId = new byte[7];
                clientId[0] = 1;
                System.arraycopy(mac, 0, clientId, 1, 6);
            }
            String hostname = i % 2 == 0 ? String.format("lab-%05d", i + 1) : null;
            created.add(new Client(new HardwareAddress(mac), clientId, hostname));
        }
        return created;
    }

    /** Where the server must send its replies. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the lab socket is closed", e);
        }
    }

    public LabSettings settings() {
        return settings.withRate(rate);
    }

    /** Starts the clients against the server at {@code server}, which identifies itself as {@code serverId}. */
    public synchronized void start(InetSocketAddress server, Ipv4Address serverId) {
        if (thread != null) {
            throw new IllegalStateException("the lab fleet runs already");
        }
        this.server = Objects.requireNonNull(server, "server");
        this.serverId = serverId.toInetAddress();
        running = true;
        thread = Thread.ofPlatform().name("lab-fleet").daemon(true).start(this::run);
        log.info("lab fleet of {} clients started against {} at {} exchanges/s", clients.size(), server, rate);
    }

    public boolean isRunning() {
        return running;
    }

    /** Changes how many new exchanges start per second, while the fleet runs. */
    public void setRate(double perSecond) {
        rate = LabSettings.requireRate(perSecond);
        selector.wakeup();
    }

    public double rate() {
        return rate;
    }

    /** The counters as last published (at most 200 ms old while the fleet runs). */
    public FleetCounters counters() {
        return published;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void run() {
        clients.forEach(idle::add);
        lastRefill = System.nanoTime();
        long nextPublish = lastRefill + PUBLISH_NANOS;
        try {
            while (running) {
                long now = System.nanoTime();
                startExchanges(now);
                fireTimers(now);
                if (now - nextPublish >= 0) {
                    publish();
                    nextPublish = now + PUBLISH_NANOS;
                }
                long wait = Math.min(nextPublish, nextDue(now)) - System.nanoTime();
                if (wait > 0) {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                } else {
                    selector.selectNow();
                }
                selector.selectedKeys().clear();
                receiveAll();
            }
        } catch (IOException e) {
            if (running) {
                log.error("the lab fleet stopped: its socket failed: {}", e.getMessage());
            }
        } finally {
            running = false;
            publish();
        }
    }

    /** The earliest moment something is due: a timer, or the next token for a waiting client. */
    private long nextDue(long now) {
        long due = timers.isEmpty() ? now + PUBLISH_NANOS : timers.peek().due();
        if (!idle.isEmpty() && inFlight < MAX_IN_FLIGHT) {
            long perToken = (long) (1e9 / rate);
            due = Math.min(due, now + Math.max(0, perToken - (long) (tokens * perToken)));
        }
        return due;
    }

    /** A token bucket refilled at the rate, holding at most a tenth of a second's tokens (and at least one). */
    private void startExchanges(long now) throws IOException {
        double perSecond = rate;
        tokens = Math.min(Math.max(1, perSecond / 10), tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        while (tokens >= 1 && inFlight < MAX_IN_FLIGHT && !idle.isEmpty()) {
            tokens -= 1;
            Client client = idle.poll();
            client.phase = Phase.SELECTING;
            inFlight++;
            send(client, DhcpMessage.discover(client.mac, newXid(client)), now);
        }
    }

    private void fireTimers(long now) throws IOException {
        while (!timers.isEmpty() && timers.peek().due() - now <= 0) {
            Timer timer = timers.poll();
            Client client = timer.client();
            if (timer.generation() != client.generation) {
                continue;
            }
            switch (timer.kind()) {
                case TIMEOUT -> {
                    timeouts++;
                    pause(client, now);
                }
                case RENEW -> {
                    if (inFlight >= MAX_IN_FLIGHT) {
                        // The window bounds renewals too: a slow server is asked no faster than it answers.
                        schedule(client, now + RENEWAL_RETRY_NANOS, TimerKind.RENEW);
                    } else {
                        renew(client, now);
                    }
                }
                case RESUME -> {
                    client.phase = Phase.IDLE;
                    idle.add(client);
                }
            }
        }
    }

    /** At T1 a client renews with a unicast REQUEST, or leaves the network and releases its lease. */
    private void renew(Client client, long now) throws IOException {
        if (random.nextDouble() < settings.releaseShare()) {
            releases++;
            sendOnly(DhcpMessage.release(client.mac, newXid(client), client.address, serverId), client);
            unbind(client);
            pause(client, now);
            return;
        }
        client.phase = Phase.RENEWING;
        inFlight++;
        send(client, DhcpMessage.requestRenewing(client.mac, newXid(client), client.address), now);
    }

    private void receiveAll() throws IOException {
        while (true) {
            receiveBuffer.clear();
            if (channel.receive(receiveBuffer) == null) {
                return;
            }
            receiveBuffer.flip();
            DhcpMessage reply;
            try {
                reply = codec.decode(receiveBuffer);
            } catch (MalformedPacketException e) {
                log.warn("the lab fleet got an undecodable reply: {}", e.getMessage());
                continue;
            }
            Client client = byXid.get(reply.xid());
            if (client != null && Arrays.equals(client.chaddr, 0, 6, reply.chaddr(), 0, 6) && reply.messageType().isPresent()) {
                handle(client, reply, reply.messageType().get(), System.nanoTime());
            } else if (othersTo.isPresent()) {
                channel.send(receiveBuffer.rewind(), othersTo.get());
            }
        }
    }

    private void handle(Client client, DhcpMessage reply, MessageType type, long now) throws IOException {
        switch (client.phase) {
            case SELECTING -> {
                if (type == MessageType.OFFER) {
                    client.phase = Phase.REQUESTING;
                    send(client, DhcpMessage.requestSelecting(client.mac, client.xid, reply.yiaddr(), serverId), now);
                }
            }
            case REQUESTING -> {
                if (type == MessageType.ACK && random.nextDouble() < settings.declineShare()) {
                    // The client's ARP probe found the address in use: it declines and starts over.
                    declines++;
                    sendOnly(DhcpMessage.decline(client.mac, newXid(client), reply.yiaddr(), serverId), client);
                    pause(client, now);
                } else if (type == MessageType.ACK) {
                    inFlight--;
                    doraCompleted++;
                    bind(client, reply, now);
                } else if (type == MessageType.NAK) {
                    naks++;
                    pause(client, now);
                }
            }
            case RENEWING -> {
                if (type == MessageType.ACK) {
                    inFlight--;
                    renewals++;
                    bound--;
                    bind(client, reply, now);
                } else if (type == MessageType.NAK) {
                    naks++;
                    pause(client, now);
                }
            }
            default -> {
                // A late or duplicate answer to an exchange the client has given up on.
            }
        }
    }

    private void bind(Client client, DhcpMessage ack, long now) {
        client.phase = Phase.BOUND;
        client.address = ack.yiaddr();
        bound++;
        long lease = ack.leaseTime().orElse(settings.leaseTime().toSeconds());
        long t1 = ack.renewalTime().orElse(lease / 2);
        schedule(client, now + TimeUnit.SECONDS.toNanos(Math.max(1, t1)), TimerKind.RENEW);
    }

    private void unbind(Client client) {
        bound--;
        client.address = null;
    }

    /** Ends the client's exchange, if one is in flight (a renewal that ends so loses the lease), and rests before starting over. */
    private void pause(Client client, long now) {
        if (client.phase == Phase.SELECTING || client.phase == Phase.REQUESTING) {
            inFlight--;
        } else if (client.phase == Phase.RENEWING) {
            inFlight--;
            unbind(client);
        }
        byXid.remove(client.xid);
        client.phase = Phase.PAUSED;
        schedule(client, now + PAUSE_NANOS, TimerKind.RESUME);
    }

    private int newXid(Client client) {
        byXid.remove(client.xid);
        int xid = nextXid++;
        client.xid = xid;
        byXid.put(xid, client);
        return xid;
    }

    private void schedule(Client client, long due, TimerKind kind) {
        client.generation++;
        timers.add(new Timer(due, client, client.generation, kind));
    }

    /** Sends a message that expects an answer, with the client's identity, and arms the reply timeout. */
    private void send(Client client, DhcpMessage.Builder message, long now) throws IOException {
        sendOnly(message, client);
        schedule(client, now + REPLY_TIMEOUT_NANOS, TimerKind.TIMEOUT);
    }

    private void sendOnly(DhcpMessage.Builder message, Client client) throws IOException {
        message.parameterRequestList(PARAMETERS);
        if (client.clientId != null) {
            message.option(61, client.clientId);
        }
        if (client.hostname != null) {
            message.option(12, client.hostname.getBytes(StandardCharsets.US_ASCII));
        }
        // A full socket buffer loses the datagram as a network would; the reply timeout recovers.
        channel.send(ByteBuffer.wrap(codec.encode(message.build())), server);
    }

    private void publish() {
        FleetCounters counters = new FleetCounters(doraCompleted, renewals, releases, declines, naks, timeouts, bound);
        if (!counters.equals(published)) {
            published = counters;
            for (Listener listener : listeners) {
                try {
                    listener.countersChanged(counters);
                } catch (RuntimeException e) {
                    log.warn("a lab fleet listener failed: {}", e.getMessage());
                }
            }
        }
    }

    /** Stops the clients (they send nothing more) and closes the socket. */
    @Override
    public void close() {
        Thread worker;
        synchronized (this) {
            running = false;
            worker = thread;
        }
        selector.wakeup();
        if (worker != null) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            log.debug("closing the lab socket: {}", e.getMessage());
        }
        log.info("lab fleet stopped: {}", published);
    }
}
