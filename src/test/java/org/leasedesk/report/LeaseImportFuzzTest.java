package org.leasedesk.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.leasedesk.lease.Lease;

/**
 * Whatever bytes a lease file holds, an import ends in one of its documented outcomes: leases with
 * the skipped lines listed, or a refusal of the whole file that says why. Nothing else escapes.
 */
class LeaseImportFuzzTest {

    private static final Path NAME = Path.of("fuzzed.leases");

    @FuzzTest(maxDuration = "2m")
    void keaFileIsImportedOrRejected(byte[] content) throws IOException {
        check(content, LeaseFileFormat.KEA_CSV);
    }

    @FuzzTest(maxDuration = "2m")
    void dhcpdFileIsImportedOrRejected(byte[] content) throws IOException {
        check(content, LeaseFileFormat.ISC_DHCPD);
    }

    @FuzzTest(maxDuration = "2m")
    void dnsmasqFileIsImportedOrRejected(byte[] content) throws IOException {
        check(content, LeaseFileFormat.DNSMASQ);
    }

    private static void check(byte[] content, LeaseFileFormat format) throws IOException {
        LeaseFileFormat.detect(content);
        ImportOutcome outcome = LeaseImport.read(new ByteArrayInputStream(content), NAME, format, ImportOptions.DEFAULTS,
                Instant.EPOCH);
        switch (outcome) {
            case ImportOutcome.Imported imported -> {
                // dnsmasq lists each lease once: two clients on one address are both kept, each client once.
                long distinct = imported.leases().stream()
                        .map(lease -> format == LeaseFileFormat.DNSMASQ ? lease.address() + " " + lease.clientKey() : lease.address().toString())
                        .distinct().count();
                if (distinct != imported.leases().size()) {
                    throw new AssertionError("one lease per address (per address and client in dnsmasq files): " + imported.leases());
                }
                for (ImportProblem problem : imported.problems()) {
                    if (problem.line() < 1 || problem.reason().isBlank()) {
                        throw new AssertionError("a problem names its line and reason: " + problem);
                    }
                }
            }
            case ImportOutcome.Rejected rejected -> {
                if (rejected.reason().isBlank()) {
                    throw new AssertionError("a refusal says why");
                }
            }
        }
    }
}
