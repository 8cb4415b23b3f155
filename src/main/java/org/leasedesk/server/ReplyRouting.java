package org.leasedesk.server;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;

/** Where a reply goes, per RFC 2131 section 4.1. */
final class ReplyRouting {

    private static final byte[] ZERO = new byte[4];

    private ReplyRouting() {}

    /**
     * Through a relay: to the relay's server port. Otherwise a NAK is broadcast (the client may
     * have no usable address); a client with an address (ciaddr) gets unicast; the rest are
     * broadcast. RFC 2131 also allows unicasting an OFFER or ACK to yiaddr when the broadcast bit is
     * clear, but that needs an ARP entry a UDP socket cannot create, so LeaseDesk broadcasts, as Kea
     * does with UDP sockets.
     */
    static InetSocketAddress destination(DhcpMessage request, MessageType reply, ServerOptions options) {
        if (options.redirectReplies().isPresent()) {
            return options.redirectReplies().get();
        }
        if (!isZero(request.giaddr())) {
            return new InetSocketAddress(request.giaddr(), options.serverPort());
        }
        if (reply != MessageType.NAK && !isZero(request.ciaddr())) {
            return new InetSocketAddress(request.ciaddr(), options.clientPort());
        }
        return new InetSocketAddress(options.broadcastTarget(), options.clientPort());
    }

    private static boolean isZero(Inet4Address address) {
        return java.util.Arrays.equals(address.getAddress(), ZERO);
    }
}
