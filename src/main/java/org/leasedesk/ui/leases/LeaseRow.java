package org.leasedesk.ui.leases;

import java.util.Locale;
import org.leasedesk.app.Vendors;
import org.leasedesk.lease.Lease;

/**
 * One row of the lease table: the lease and the text each column shows, computed once per change
 * so scrolling and searching 100,000 rows never formats anything twice.
 */
public record LeaseRow(Lease lease, String mac, String vendor, boolean randomised, String clientId, String pool, String relay,
                       String searchText) {

    /** Builds a row; {@code vendors} may be null while the vendor table is still loading. */
    public static LeaseRow of(Lease lease, Vendors vendors) {
        String mac = lease.hardwareAddress().toString();
        boolean randomised = Vendors.isLocallyAdministered(lease.hardwareAddress());
        String vendor = vendors == null ? "" : vendors.describe(lease.hardwareAddress());
        String clientId = lease.clientId().toColonHex();
        String pool = poolOf(lease);
        String relay = lease.relay().isRelayed()
                ? lease.relay().giaddr() + (lease.relay().circuitId().isEmpty() ? "" : " / " + circuit(lease)) : "";
        String search = String.join("\n", lease.address().toString(), mac, vendor, lease.hostname(), clientId,
                lease.state().name(), pool, relay,
                // aa-bb-cc, aabb.cc and aa:bb:cc all find the same MAC or client id.
                mac.replace(":", ""), clientId.replace(":", "")).toLowerCase(Locale.ROOT);
        return new LeaseRow(lease, mac, vendor, randomised, clientId, pool, relay, search);
    }

    /** "subnet 7 · pool 1", or "subnet 7 · reserved" for an address outside every pool. */
    public static String poolOf(Lease lease) {
        return "subnet " + lease.subnetId() + " · " + (lease.poolId() == 0 ? "reserved" : "pool " + lease.poolId());
    }

    /** A printable circuit id as text, else its hex bytes. */
    private static String circuit(Lease lease) {
        byte[] bytes = lease.relay().circuitId().toByteArray();
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return lease.relay().circuitId().toColonHex();
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public LeaseRow withVendors(Vendors vendors) {
        return of(lease, vendors);
    }
}
