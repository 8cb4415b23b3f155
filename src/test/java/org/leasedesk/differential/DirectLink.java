package org.leasedesk.differential;

import java.net.Inet4Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.leasedesk.protocol.HardwareAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients on the server's own segment: frames sent from the client namespace's cli0 with the
 * client's MAC as source and 0.0.0.0 or its address as IP source, as a real client's raw socket
 * sends them. Answers ARP for the addresses clients are using (a renewing client has its
 * address configured), so a server that unicasts through its kernel reaches them; an address a
 * client has only been offered is not answered, as on a real link.
 */
final class DirectLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectLink.class);
    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;

    private final PacketSocket socket;
    private final Map<Inet4Address, HardwareAddress> inUse = new ConcurrentHashMap<>();
    private final Thread arpResponder;
    private volatile boolean running = true;

    DirectLink(PacketSocket socket) {
        this.socket = socket;
        this.arpResponder = Thread.ofPlatform().name("direct-link-arp").daemon(true).start(this::answerArp);
    }

    /**
     * Broadcasts from port 68 to 255.255.255.255:67, as a client without an address (or rebinding) does;
     * a client that broadcasts from an address it has (rebinding, INFORM) answers ARP for it.
     */
    void broadcast(HardwareAddress client, Inet4Address source, byte[] payload) {
        using(source, client);
        socket.send(Frames.udp(new Frames.UdpFrame(Frames.BROADCAST_MAC, client.bytes(), source, CLIENT_PORT,
                Addresses.BROADCAST, SERVER_PORT, payload)));
    }

    /** Unicasts from {@code source}:68 to the server, as a renewing client does; the client then answers ARP for {@code source}. */
    void unicastToServer(HardwareAddress client, Inet4Address source, Inet4Address server, byte[] payload) {
        using(source, client);
        socket.send(Frames.udp(new Frames.UdpFrame(Topology.SERVER_MAC.bytes(), client.bytes(), source, CLIENT_PORT,
                server, SERVER_PORT, payload)));
    }

    /** From now on ARP requests for {@code address} are answered with {@code client}'s MAC. */
    void using(Inet4Address address, HardwareAddress client) {
        if (!Addresses.isZero(address)) {
            inUse.put(address, client);
        }
    }

    /** Before another server's run: no client holds an address any more. */
    void forgetAddresses() {
        inUse.clear();
    }

    private void answerArp() {
        while (running) {
            try {
                socket.receive(100).flatMap(received -> Frames.parseArpRequest(received.frame())).ifPresent(request -> {
                    HardwareAddress owner = inUse.get(request.targetIp());
                    if (owner != null) {
                        socket.send(Frames.arpReply(request, owner));
                    }
                });
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("direct link ARP responder: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        arpResponder.join();
        socket.close();
    }
}
