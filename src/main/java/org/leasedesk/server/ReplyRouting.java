package org.leasedesk.server;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;

/** Where a reply goes, per RFC 2131 section 4.1. */
final class ReplyRouting {

    private static final byte[] ZERO = new byte[4];
    private static final int BROADCAST_FLAG = 0x8000;

    private ReplyRouting() {}

    /**
     * Through a relay: to the relay's server port. Otherwise a NAK is broadcast (the client may
     * have no usable address); a client with an address (ciaddr) gets unicast; a client that asked
     * for broadcast (its flag set) gets broadcast; the rest get unicast to the new address (yiaddr),
     * which only a frame to the client's hardware address can deliver (see {@link #needsLinkLayer}).
     * Kea unicasts a NAK to ciaddr too; RFC 2131 says to broadcast it, and so does LeaseDesk.
     */
    static InetSocketAddress destination(DhcpMessage request, DhcpMessage reply, ServerOptions options) {
        if (options.redirectReplies().isPresent()) {
            return options.redirectReplies().get();
        }
        if (!isZero(request.giaddr())) {
            return new InetSocketAddress(request.giaddr(), options.serverPort());
        }
        boolean nak = reply.messageType().filter(type -> type == MessageType.NAK).isPresent();
        if (nak) {
            return new InetSocketAddress(options.broadcastTarget(), options.clientPort());
        }
        if (!isZero(request.ciaddr())) {
            return new InetSocketAddress(request.ciaddr(), options.clientPort());
        }
        if ((request.flags() & BROADCAST_FLAG) != 0 || isZero(reply.yiaddr())) {
            return new InetSocketAddress(options.broadcastTarget(), options.clientPort());
        }
        return new InetSocketAddress(reply.yiaddr(), options.clientPort());
    }

    /**
     * Whether the reply goes to a client at an address it does not have yet: an IP stack would ARP
     * for it in vain, so it must be framed for the client's hardware address directly.
     */
    static boolean needsLinkLayer(DhcpMessage reply, InetSocketAddress destination) {
        return isZero(reply.ciaddr()) && isZero(reply.giaddr()) && !isZero(reply.yiaddr())
                && destination.getAddress().equals(reply.yiaddr());
    }

    private static boolean isZero(Inet4Address address) {
        return Arrays.equals(address.getAddress(), ZERO);
    }
}
