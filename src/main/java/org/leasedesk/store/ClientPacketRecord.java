package org.leasedesk.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * One packet the embedded client sent or received, as client history keeps it.
 *
 * @param sent true for a packet the client sent, false for one it received
 * @param messageType option 53's name (DISCOVER, ACK...), empty for a BOOTP packet without it
 * @param xid the transaction id, unsigned
 * @param peer where it went to or came from
 */
public record ClientPacketRecord(
        Instant time,
        String interfaceName,
        boolean sent,
        String messageType,
        long xid,
        String summary,
        Ipv4Address peer,
        int peerPort,
        Ipv4Address ciaddr,
        Ipv4Address yiaddr,
        Optional<Ipv4Address> serverIdentifier) {

    public ClientPacketRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(messageType, "messageType");
        if (xid < 0 || xid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("xid is 32 bits unsigned, got " + xid);
        }
        summary = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
        Objects.requireNonNull(peer, "peer");
        if (peerPort < 0 || peerPort > 65_535) {
            throw new IllegalArgumentException("not a UDP port: " + peerPort);
        }
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
    }
}
