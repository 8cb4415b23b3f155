package org.leasedesk.testing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.leasedesk.app.ServerLauncher;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.MessageType;

/**
 * Stands in for many DHCP clients on one loopback socket, for tests that need real leases in a
 * loopback server: the server is started with its replies redirected here ({@link #labRequest}).
 */
public final class LoopbackClients implements AutoCloseable {

    /** The lab server's identifier; any address works, replies are redirected. */
    public static final Inet4Address SERVER_ID = Ipv4Address.parse("192.0.2.1").toInetAddress();

    private final DhcpCodec codec = new DhcpCodec();
    private final DatagramChannel channel;
    private final Selector selector;
    private int xid = 0x5000;

    private LoopbackClients(DatagramChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    public static LoopbackClients open() throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        return new LoopbackClients(channel, selector);
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lab server request on 127.0.0.1 (port chosen by the system) whose replies all come to this socket. */
    public ServerLauncher.Request labRequest(Path config) {
        return labRequest(config, address());
    }

    /** A lab server request on 127.0.0.1 (port chosen by the system) whose replies all go to {@code replies}. */
    public static ServerLauncher.Request labRequest(Path config, InetSocketAddress replies) {
        return new ServerLauncher.Request(config, Optional.empty(), InetAddress.getLoopbackAddress(), 0, replies.getPort(),
                Optional.of(Ipv4Address.of(SERVER_ID)), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.of(replies), Duration.ofSeconds(1));
    }

    /** DISCOVER, OFFER, REQUEST, ACK for one client; returns the leased address. */
    public Ipv4Address obtain(InetSocketAddress server, String mac, String hostname) throws IOException, MalformedPacketException {
        return obtain(server, mac, hostname, new byte[0]);
    }

    /** As {@link #obtain(InetSocketAddress, String, String)} for a client that also sends option 61 (none when empty), as Windows does. */
    public Ipv4Address obtain(InetSocketAddress server, String mac, String hostname, byte[] clientId)
            throws IOException, MalformedPacketException {
        HardwareAddress hardware = HardwareAddress.parse(mac);
        UnaryOperator<DhcpMessage.Builder> identified = request -> clientId.length == 0 ? request : request.option(61, clientId);
        DhcpMessage offer = exchange(server, identified.apply(DhcpMessage.discover(hardware, 0).hostName(hostname)), MessageType.OFFER);
        exchange(server, identified.apply(DhcpMessage.requestSelecting(hardware, 0, offer.yiaddr(), SERVER_ID).hostName(hostname)),
                MessageType.ACK);
        return Ipv4Address.of(offer.yiaddr());
    }

    /** Sends a message and returns the reply, or empty when none came within two seconds. */
    public Optional<DhcpMessage> send(InetSocketAddress server, DhcpMessage.Builder request) throws IOException, MalformedPacketException {
        channel.send(ByteBuffer.wrap(codec.encode(request.xid(++xid).build())), server);
        if (selector.select(2000) == 0) {
            return Optional.empty();
        }
        selector.selectedKeys().clear();
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        channel.receive(buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Optional.of(codec.decode(bytes));
    }

    private DhcpMessage exchange(InetSocketAddress server, DhcpMessage.Builder request, MessageType expected)
            throws IOException, MalformedPacketException {
        DhcpMessage reply = send(server, request).orElseThrow(() -> new AssertionError("no reply from " + server));
        if (reply.messageType().filter(expected::equals).isEmpty()) {
            throw new AssertionError("expected " + expected + ", got " + reply.summary());
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
