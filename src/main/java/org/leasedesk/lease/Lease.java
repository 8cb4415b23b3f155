package org.leasedesk.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The current lease on one address. Immutable: each state change returns a new lease, and only
 * the changes {@link LeaseState} allows are possible.
 *
 * @param start when the client first got this address in the current binding
 * @param cltt client last transaction time: the lease's lifetime counts from here
 * @param subnetId the subnet's id (Kea's subnet-id, 1 and up)
 * @param poolId the pool's id within the subnet, 0 when the address is outside any pool (a reservation)
 */
public record Lease(
        Ipv4Address address,
        HardwareAddress hardwareAddress,
        Octets clientId,
        String hostname,
        long subnetId,
        long poolId,
        LeaseState state,
        Instant start,
        Instant cltt,
        Duration validLifetime,
        RelayInfo relay) {

    /** DHCP carries lifetimes as 32-bit seconds; 0xFFFFFFFF means infinite. */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(Ipv4Address.MAX_VALUE);

    public static final int MAX_HOSTNAME_LENGTH = 253;

    public Lease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cltt, "cltt");
        Objects.requireNonNull(validLifetime, "validLifetime");
        Objects.requireNonNull(relay, "relay");
        if (address.isAny() || address.equals(Ipv4Address.BROADCAST)) {
            throw new IllegalArgumentException(address + " cannot be leased");
        }
        // Constructing the key checks that the lease names a client at all.
        ClientKey.of(clientId, hardwareAddress);
        Hostnames.requireValid(hostname);
        if (subnetId < 1 || subnetId > Ipv4Address.MAX_VALUE) {
            throw new IllegalArgumentException("subnet id " + subnetId + " is outside 1-" + Ipv4Address.MAX_VALUE);
        }
        if (poolId < 0 || poolId > Ipv4Address.MAX_VALUE) {
            throw new IllegalArgumentException("pool id " + poolId + " is outside 0-" + Ipv4Address.MAX_VALUE);
        }
        if (cltt.isBefore(start)) {
            throw new IllegalArgumentException(
                    "lease on " + address + ": last transaction " + cltt + " is before its start " + start);
        }
        if (validLifetime.isNegative() || validLifetime.isZero() || validLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lease on " + address + ": valid lifetime " + validLifetime
                    + " is outside 1 s - " + MAX_LIFETIME.toSeconds() + " s");
        }
    }

    /** A new binding, as made when an ACK is about to be sent for a fresh address. */
    public static Lease granted(
            Ipv4Address address,
            HardwareAddress hardwareAddress,
            Octets clientId,
            String hostname,
            long subnetId,
            long poolId,
            Instant now,
            Duration validLifetime,
            RelayInfo relay) {
        return new Lease(address, hardwareAddress, clientId, hostname, subnetId, poolId, LeaseState.ACTIVE, now, now,
                validLifetime, relay);
    }

    public ClientKey clientKey() {
        return ClientKey.of(clientId, hardwareAddress);
    }

    public Instant expiry() {
        return cltt.plus(validLifetime);
    }

    public boolean isExpiredAt(Instant time) {
        return !time.isBefore(expiry());
    }

    /** The same client extends its lease (REQUEST in RENEWING, REBINDING or INIT-REBOOT). */
    public Lease renewed(Instant now, Duration newLifetime, RelayInfo newRelay) {
        requireTransition(LeaseState.ACTIVE);
        Instant bindingStart = state == LeaseState.ACTIVE ? start : now;
        return new Lease(address, hardwareAddress, clientId, hostname, subnetId, poolId, LeaseState.ACTIVE,
                bindingStart, now, newLifetime, newRelay);
    }

    public Lease released(Instant now) {
        return movedTo(LeaseState.RELEASED, now);
    }

    public Lease expired(Instant now) {
        return movedTo(LeaseState.EXPIRED, now);
    }

    public Lease reclaimed(Instant now) {
        return movedTo(LeaseState.RECLAIMED, now);
    }

    /** The owner declined the address: it stays out of use for {@code probation}. */
    public Lease declined(Instant now, Duration probation) {
        requireTransition(LeaseState.DECLINED);
        return new Lease(address, hardwareAddress, clientId, hostname, subnetId, poolId, LeaseState.DECLINED, start,
                now, probation, relay);
    }

    private Lease movedTo(LeaseState next, Instant now) {
        requireTransition(next);
        // cltt keeps moving forward so "when did this happen" is always the last change.
        Instant changed = now.isBefore(cltt) ? cltt : now;
        return new Lease(address, hardwareAddress, clientId, hostname, subnetId, poolId, next, start, changed,
                validLifetime, relay);
    }

    private void requireTransition(LeaseState next) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException("lease on " + address + " is " + state + " and cannot become " + next
                    + " (allowed: " + state.successors() + ")");
        }
    }
}
