package org.leasedesk.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * The lease a DHCP client holds on an interface, as far as that client can tell: every field but
 * the address is optional because backends know different things (dhcpcd's dump carries no
 * times; Windows knows obtained and expires but not T1 and T2).
 */
public record BackendLease(
        Ipv4Address address,
        Optional<Ipv4Address> server,
        Optional<Duration> leaseTime,
        Optional<Duration> renewalTime,
        Optional<Duration> rebindingTime,
        Optional<Instant> obtained,
        Optional<Instant> expires) {

    public BackendLease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(renewalTime, "renewalTime");
        Objects.requireNonNull(rebindingTime, "rebindingTime");
        Objects.requireNonNull(obtained, "obtained");
        Objects.requireNonNull(expires, "expires");
    }

    /** One line for a terminal or a status bar. */
    public String summary() {
        StringBuilder text = new StringBuilder(address.toString());
        server.ifPresent(value -> text.append(" from ").append(value));
        leaseTime.ifPresent(value -> text.append(", lease ").append(value.toSeconds()).append(" s"));
        renewalTime.ifPresent(value -> text.append(", T1 ").append(value.toSeconds()).append(" s"));
        rebindingTime.ifPresent(value -> text.append(", T2 ").append(value.toSeconds()).append(" s"));
        obtained.ifPresent(value -> text.append(", obtained ").append(value));
        expires.ifPresent(value -> text.append(", expires ").append(value));
        return text.toString();
    }
}
