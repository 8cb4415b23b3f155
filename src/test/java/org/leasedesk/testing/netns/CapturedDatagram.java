package org.leasedesk.testing.netns;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One UDP datagram read from a capture file: when it was seen, where from, where to, and its
 * payload (for DHCP, the BOOTP message). The payload array is the reader's own copy.
 */
public record CapturedDatagram(Instant timestamp, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {

    @Override
    public String toString() {
        return timestamp + " " + source + " > " + destination + " (" + payload.length + " bytes: "
                + HexFormat.of().formatHex(payload, 0, Math.min(16, payload.length)) + "...)";
    }
}
