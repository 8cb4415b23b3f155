package org.leasedesk.client;

import java.net.Inet4Address;
import org.leasedesk.protocol.HardwareAddress;

/**
 * Finds out whether another host already uses an address before the client takes it (RFC 2131
 * 4.4.1, RFC 5227). Called on the client's thread between the ACK and BOUND; it may block for the
 * probes' duration, and it reports failures as {@link ConflictCheckResult.NotChecked}, never by throwing.
 */
@FunctionalInterface
public interface AddressConflictCheck {

    ConflictCheckResult check(String interfaceName, Inet4Address address, HardwareAddress ownHardwareAddress);

    /** A check that never runs, with the reason to record, for platforms or privileges that allow none. */
    static AddressConflictCheck unavailable(String reason) {
        ConflictCheckResult notChecked = new ConflictCheckResult.NotChecked(reason);
        return (interfaceName, address, ownHardwareAddress) -> notChecked;
    }
}
