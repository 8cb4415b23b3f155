package org.leasedesk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;

/**
 * The leases read so far, one per address with the last record winning (except where a file that
 * lists each lease once contradicts itself, see {@link #putListed}), and the lines skipped on the way.
 */
final class LeaseTable {

    private final Map<Ipv4Address, Lease> byAddress = new LinkedHashMap<>();
    /** Earlier leases {@link #putListed} kept beside a later one on the same address. */
    private final List<Lease> alsoListed = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();

    /** A journal's record (Kea, dhcpd): it replaces whatever was known of the address. */
    void put(Lease lease) {
        byAddress.put(lease.address(), lease);
    }

    /**
     * A line of a file that lists each current lease once (dnsmasq): the same client listed again
     * replaces its line, but another client on the same address is a contradiction, so both leases are
     * kept for whoever reads the file to see (an import reports them as a conflict).
     */
    void putListed(Lease lease) {
        alsoListed.removeIf(kept -> kept.address().equals(lease.address()) && kept.clientKey().equals(lease.clientKey()));
        Lease earlier = byAddress.put(lease.address(), lease);
        if (earlier != null && !earlier.clientKey().equals(lease.clientKey())) {
            alsoListed.add(earlier);
        }
    }

    void remove(Ipv4Address address) {
        byAddress.remove(address);
    }

    void problem(Path file, long line, String reason) {
        problems.add(new ImportProblem(file, line, reason));
    }

    ImportOutcome.Imported snapshot() {
        List<Lease> leases = new ArrayList<>(alsoListed);
        leases.addAll(byAddress.values());
        return new ImportOutcome.Imported(leases, problems);
    }
}
