package org.leasedesk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.DeniedClient;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.server.DhcpServer;

/**
 * What an administrator does to leases of the workbench's running server: release, quarantine,
 * reserve, and look at a pool address by address. Lease changes run on the server's packet thread
 * and are journaled like a client's own; every future fails with a sentence to show when no server
 * runs or the lease is not in a state for it.
 */
public final class LeaseAdministration {

    /** What a bulk release did: the leases released, and why the others were not. */
    public record BulkOutcome(List<Lease> released, Map<Ipv4Address, String> skipped) {
        public BulkOutcome {
            released = List.copyOf(released);
            skipped = Map.copyOf(skipped);
        }
    }

    private final Workbench workbench;

    public LeaseAdministration(Workbench workbench) {
        this.workbench = workbench;
    }

    /** Releases the lease on {@code address} server-side, journaled as released by the administrator. */
    public CompletableFuture<Lease> release(Ipv4Address address) {
        return withServer(server -> server.release(address));
    }

    /** Releases every active lease among {@code addresses}, each journaled. */
    public CompletableFuture<BulkOutcome> releaseAll(List<Ipv4Address> addresses) {
        return withServer(server -> server.releaseAll(addresses)
                .thenApply(done -> new BulkOutcome(done.released(), done.skipped())));
    }

    /** Releases the lease on {@code address} and denies its client's MAC from now on. */
    public CompletableFuture<DeniedClient> quarantine(Ipv4Address address, String reason) {
        return withServer(server -> server.quarantine(address, reason));
    }

    /** Lets a quarantined MAC be served again. */
    public CompletableFuture<Boolean> allow(HardwareAddress hardwareAddress) {
        return withServer(server -> server.allow(hardwareAddress));
    }

    /** The quarantined clients; empty when no server runs. */
    public List<DeniedClient> denied() {
        return workbench.server().map(DhcpServer::denied).orElse(List.of());
    }

    /** One pool's addresses with their states now (pool index from 0 within its subnet). */
    public CompletableFuture<AddressMap> addressMap(long subnetId, int poolIndex) {
        return withServer(server -> server.addressMap(subnetId, poolIndex));
    }

    /** What "Make reservation" did: the identifier it reserved by (and why that one), and the outcome of applying it. */
    public record Reserved(ReservationMatch match, ConfigDocument.Applied applied) {}

    /**
     * Adds a reservation of the lease's address for its client to the running configuration file,
     * by the identifier the server tries first ({@link ConfigDocument#reserve}), saves it atomically
     * and reloads the server; a configuration that would then be refused (the address already
     * reserved, say) changes nothing and the outcome lists why.
     */
    public CompletableFuture<Reserved> reserve(Lease lease) {
        if (!(workbench.state() instanceof Workbench.Serving serving)) {
            return CompletableFuture.failedFuture(notServing());
        }
        Path file = serving.running().config();
        return CompletableFuture.supplyAsync(() -> {
            try {
                ConfigDocument document = ConfigDocument.read(file);
                ReservationMatch match = document.reserve(lease);
                return new Reserved(match, document.applyAndSave(workbench));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The clients holding an active lease in a subnet now, by address: those a reservation can be
     * made for. The running server's leases, else those the database last stored.
     */
    public CompletableFuture<List<Lease>> currentClients(long subnetId) {
        return workbench.leases().thenApply(leases -> leases.stream()
                .filter(lease -> lease.subnetId() == subnetId && lease.state() == LeaseState.ACTIVE)
                .sorted(Comparator.comparing(Lease::address))
                .toList());
    }

    /** An address as the heat map explains it: who holds it now (if anyone) and its latest history, newest first. */
    public record AddressDetail(Ipv4Address address, java.util.Optional<Lease> current, List<org.leasedesk.lease.LeaseEvent> history) {
        public AddressDetail {
            history = List.copyOf(history);
        }
    }

    /** The lease on {@code address} and its last {@code limit} history events. */
    public CompletableFuture<AddressDetail> detail(Ipv4Address address, int limit) {
        CompletableFuture<List<Lease>> current = workbench.server().map(server -> server.leasesAt(List.of(address)))
                .orElseGet(() -> CompletableFuture.completedFuture(List.of()));
        return current.thenApplyAsync(leases -> {
            List<org.leasedesk.lease.LeaseEvent> events = new LeaseHistory(workbench.database())
                    .ofAddress(address, org.leasedesk.store.TimeRange.ALL);
            List<org.leasedesk.lease.LeaseEvent> newestFirst = new java.util.ArrayList<>(
                    events.subList(Math.max(0, events.size() - limit), events.size()));
            java.util.Collections.reverse(newestFirst);
            return new AddressDetail(address, leases.stream().findFirst(), newestFirst);
        });
    }

    private <T> CompletableFuture<T> withServer(java.util.function.Function<DhcpServer, CompletableFuture<T>> action) {
        return workbench.server().map(action).orElseGet(() -> CompletableFuture.failedFuture(notServing()));
    }

    private static IllegalStateException notServing() {
        return new IllegalStateException("No server is running: start it from the Dashboard, then try again.");
    }
}
