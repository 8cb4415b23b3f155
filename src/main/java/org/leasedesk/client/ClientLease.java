package org.leasedesk.client;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.protocol.DhcpMessage;

/**
 * A lease the client holds: the address, what the server said about the network, and when to
 * renew, rebind and stop. Times count from {@code obtained}, the moment the ACK arrived (RFC 2131
 * 4.4.1 says from the REQUEST; the difference is one round trip and errs on the safe side).
 *
 * @param leaseTime option 51; {@link #INFINITE_SECONDS} means the lease never ends
 * @param renewalTime T1, from option 58 or a fraction of the lease
 * @param rebindingTime T2, from option 59 or a fraction of the lease
 */
public record ClientLease(
        Inet4Address address,
        Optional<Inet4Address> subnetMask,
        List<Inet4Address> routers,
        List<Inet4Address> domainNameServers,
        Optional<String> domainName,
        Inet4Address server,
        Duration leaseTime,
        Duration renewalTime,
        Duration rebindingTime,
        Instant obtained) {

    /** 0xffffffff seconds: RFC 2131's infinite lease. */
    public static final long INFINITE_SECONDS = 0xffff_ffffL;

    public ClientLease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(subnetMask, "subnetMask");
        routers = List.copyOf(routers);
        domainNameServers = List.copyOf(domainNameServers);
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(obtained, "obtained");
        if (renewalTime.compareTo(rebindingTime) > 0 || rebindingTime.compareTo(leaseTime) > 0) {
            throw new IllegalArgumentException("need T1 <= T2 <= lease time, got " + renewalTime + ", " + rebindingTime + ", " + leaseTime);
        }
    }

    /**
     * The lease an ACK grants. T1 and T2 come from options 58 and 59 when they are consistent
     * (T1 below T2 below the lease time); otherwise the RFC's fractions apply, as RFC 2131 4.4.5
     * lets a client do with values that make no sense.
     *
     * @throws IllegalArgumentException if the ACK carries no lease time or no address
     */
    public static ClientLease fromAck(DhcpMessage ack, Inet4Address server, Instant obtained, ClientTimings timings) {
        long leaseSeconds = ack.leaseTime().orElseThrow(() -> new IllegalArgumentException("the ACK carries no lease time (option 51)"));
        if (ack.yiaddr().isAnyLocalAddress()) {
            throw new IllegalArgumentException("the ACK assigns no address (yiaddr 0.0.0.0)");
        }
        Duration lease = Duration.ofSeconds(leaseSeconds);
        Duration defaultT1 = fraction(lease, timings.renewalFraction());
        Duration defaultT2 = fraction(lease, timings.rebindingFraction());
        Duration t1 = ack.renewalTime().isPresent() ? Duration.ofSeconds(ack.renewalTime().getAsLong()) : defaultT1;
        Duration t2 = ack.rebindingTime().isPresent() ? Duration.ofSeconds(ack.rebindingTime().getAsLong()) : defaultT2;
        if (t2.compareTo(lease) >= 0 && leaseSeconds != INFINITE_SECONDS) {
            t2 = defaultT2;
        }
        if (t1.compareTo(t2) >= 0) {
            t1 = fraction(t2, timings.renewalFraction() / timings.rebindingFraction());
        }
        return new ClientLease(ack.yiaddr(), ack.subnetMask(), ack.routers(), ack.domainNameServers(), ack.domainName(),
                server, lease, t1, t2, obtained);
    }

    public boolean infinite() {
        return leaseTime.getSeconds() == INFINITE_SECONDS;
    }

    /** T1 as a moment. */
    public Instant renewAt() {
        return obtained.plus(renewalTime);
    }

    /** T2 as a moment. */
    public Instant rebindAt() {
        return obtained.plus(rebindingTime);
    }

    /** When the address must no longer be used; {@link Instant#MAX} for an infinite lease. */
    public Instant expires() {
        return infinite() ? Instant.MAX : obtained.plus(leaseTime);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires());
    }

    /** The prefix length of the subnet mask, 32 when the server sent none (a host route, the safe guess). */
    public int prefixLength() {
        return subnetMask.map(mask -> {
            byte[] b = mask.getAddress();
            int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
            return Integer.bitCount(bits);
        }).orElse(32);
    }

    private static Duration fraction(Duration whole, double fraction) {
        return Duration.ofMillis((long) (whole.toMillis() * fraction));
    }
}
