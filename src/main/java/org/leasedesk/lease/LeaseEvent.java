package org.leasedesk.lease;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the lease history. Alarms that concern no single client carry {@link Ipv4Address#ANY}
 * and {@link HardwareAddress#NONE}.
 */
public record LeaseEvent(
        Instant time,
        LeaseEventType type,
        Ipv4Address address,
        HardwareAddress hardwareAddress,
        Octets clientId,
        String hostname,
        RelayInfo relay,
        long subnetId,
        long poolId,
        String detail) {

    public static final int MAX_DETAIL_LENGTH = 2000;

    public LeaseEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(detail, "detail");
        Hostnames.requireValid(hostname);
        if (subnetId < 0 || poolId < 0) {
            throw new IllegalArgumentException("subnet and pool ids are never negative");
        }
        if (detail.length() > MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException("event detail has " + detail.length() + " characters, at most "
                    + MAX_DETAIL_LENGTH + " allowed");
        }
        if (!type.isAlarm() && !hardwareAddress.isKnown() && clientId.isEmpty()) {
            throw new IllegalArgumentException(type + " event on " + address + " names no client");
        }
    }

    /** The event that records {@code lease} reaching its current state. */
    public static LeaseEvent of(LeaseEventType type, Lease lease, Instant time, String detail) {
        return new LeaseEvent(time, type, lease.address(), lease.hardwareAddress(), lease.clientId(),
                lease.hostname(), lease.relay(), lease.subnetId(), lease.poolId(), detail);
    }

    public static LeaseEvent alarm(Instant time, String detail) {
        return alarm(LeaseEventType.STORE_FAILURE, time, 0, 0, detail);
    }

    /** An alarm about one pool ({@code subnetId}/{@code poolId}), or about the whole server (0/0). */
    public static LeaseEvent alarm(LeaseEventType type, Instant time, long subnetId, long poolId, String detail) {
        if (!type.isAlarm()) {
            throw new IllegalArgumentException(type + " is a lease change, not an alarm");
        }
        String bounded = detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
        return new LeaseEvent(time, type, Ipv4Address.ANY, HardwareAddress.NONE, Octets.EMPTY, "", RelayInfo.NONE,
                subnetId, poolId, bounded);
    }

    /** The client this event is about; absent for alarms. */
    public Optional<ClientKey> clientKey() {
        if (clientId.isEmpty() && !hardwareAddress.isKnown()) {
            return Optional.empty();
        }
        return Optional.of(ClientKey.of(clientId, hardwareAddress));
    }
}
