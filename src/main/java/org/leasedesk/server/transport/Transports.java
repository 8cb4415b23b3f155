package org.leasedesk.server.transport;

import java.io.IOException;

/** Chooses the sockets for a server: packet information where the system has it and the server meets real links. */
public final class Transports {

    private Transports() {}

    /**
     * Opens the transport in the calling thread's network namespace.
     *
     * @throws PortInUseException when another socket holds the port
     */
    public static ServerTransport open(TransportSettings settings) throws IOException {
        return PacketInfoTransport.isSupported(settings) ? PacketInfoTransport.open(settings) : ChannelTransport.open(settings);
    }
}
