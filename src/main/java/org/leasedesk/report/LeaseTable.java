package org.leasedesk.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;

/** The leases read so far, one per address with the last record winning, and the lines skipped on the way. */
final class LeaseTable {

    private final Map<Ipv4Address, Lease> byAddress = new LinkedHashMap<>();
    private final List<ImportProblem> problems = new ArrayList<>();

    void put(Lease lease) {
        byAddress.put(lease.address(), lease);
    }

    void remove(Ipv4Address address) {
        byAddress.remove(address);
    }

    void problem(Path file, long line, String reason) {
        problems.add(new ImportProblem(file, line, reason));
    }

    ImportOutcome.Imported snapshot() {
        return new ImportOutcome.Imported(new ArrayList<>(byAddress.values()), problems);
    }
}
