package org.leasedesk.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.leasedesk.lease.Lease;
import org.leasedesk.report.LeaseFileFormat;
import org.leasedesk.server.ImportResult;
import org.leasedesk.server.ImportResult.Conflict;
import org.leasedesk.server.ImportResult.ConflictKind;
import org.leasedesk.server.ImportResult.SkipReason;
import org.leasedesk.server.ImportResult.Skipped;

/**
 * What an import of another server's lease file did, or in a dry run would do, in words a person can
 * act on: a line for each lease written, already present, in conflict or skipped, for each bad line of
 * the file (with its file and line number) and each note, and a summary with the counts. The command
 * line prints it; the desktop shows it before and after the import.
 *
 * @param lines every line of the report, leases written first
 * @param attention the lines a person should read before confirming: conflicts, LeaseDesk leases released
 *     to make way, refused leases, bad lines and notes
 * @param imported how many leases were (or would be) written
 * @param complete whether every active lease of the file is (or would be) in LeaseDesk: no conflict
 *     left one out, none was refused for lying outside the configuration, and no line was unreadable
 */
public record ImportReport(Path file, String format, boolean dryRun, List<String> lines, List<String> attention, String summary,
                           int imported, boolean complete) {

    public ImportReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        lines = List.copyOf(lines);
        attention = List.copyOf(attention);
        Objects.requireNonNull(summary, "summary");
    }

    static ImportReport of(LeaseCutover.LeaseFile read, ImportResult result, boolean dryRun) {
        List<String> lines = new ArrayList<>();
        List<String> attention = new ArrayList<>();
        String writes = dryRun ? "would import" : "imported";
        result.imported().forEach(lease -> lines.add(line(writes, lease, "subnet " + lease.subnetId() + " pool " + lease.poolId()
                + ", expires " + lease.expiry())));
        result.alreadyPresent().forEach(lease -> lines.add(line("present", lease, "LeaseDesk already holds it for this client")));
        result.released().forEach(lease -> attention.add(line(dryRun ? "would release" : "released", lease,
                "LeaseDesk's lease, to make way for the file's (--replace)")));
        for (Conflict conflict : result.conflicts()) {
            attention.add(line("conflict", conflict.lease(), conflict.kind().description() + ": " + conflict.detail()
                    + (conflict.resolved() ? "" : "; left out")));
        }
        for (Skipped skip : result.skipped()) {
            (skip.reason().refused() ? attention : lines).add(line(skip.reason().refused() ? "refused" : "skipped", skip.lease(),
                    skip.reason().description() + ": " + skip.detail()));
        }
        read.badLines().forEach(problem -> attention.add(String.format(Locale.ROOT, "%-13s %s", "bad line", problem)));
        result.notes().forEach(note -> attention.add(String.format(Locale.ROOT, "%-13s %s", "note", note)));
        lines.addAll(attention);
        return new ImportReport(read.file(), formatName(read.format()), dryRun, lines, attention, summary(read, result, dryRun),
                result.imported().size(), result.complete() && read.badLines().isEmpty());
    }

    /** The file's format as its makers name it. */
    public static String formatName(LeaseFileFormat format) {
        return switch (format) {
            case KEA_CSV -> "Kea memfile";
            case ISC_DHCPD -> "ISC dhcpd.leases";
            case DNSMASQ -> "dnsmasq leases";
        };
    }

    private static String line(String what, Lease lease, String detail) {
        return String.format(Locale.ROOT, "%-13s %-15s  %-17s  %-16s  %s", what, lease.address(), lease.hardwareAddress(),
                lease.hostname().isEmpty() ? "-" : lease.hostname(), detail);
    }

    private static String summary(LeaseCutover.LeaseFile read, ImportResult result, boolean dryRun) {
        StringBuilder text = new StringBuilder(dryRun ? "Dry run, nothing written: would import " : "Imported ")
                .append(result.imported().size()).append(" lease(s) from ").append(read.file())
                .append(" (").append(formatName(read.format())).append("): already present ").append(result.alreadyPresent().size());
        Map<ConflictKind, Long> conflicts = counted(result.conflicts(), Conflict::kind, ConflictKind.class);
        text.append(", conflicts ").append(result.conflicts().size()).append(listed(conflicts, ConflictKind::description));
        long settled = result.conflicts().stream().filter(Conflict::resolved).count();
        if (settled > 0) {
            text.append(" of which ").append(settled).append(" settled by --replace");
        }
        Map<SkipReason, Long> skipped = counted(result.skipped(), Skipped::reason, SkipReason.class);
        text.append(", skipped ").append(result.skipped().size()).append(listed(skipped, SkipReason::description))
                .append(", bad lines ").append(read.badLines().size());
        if (!result.released().isEmpty()) {
            text.append("; ").append(dryRun ? "would release " : "released ").append(result.released().size())
                    .append(" of LeaseDesk's leases to make way");
        }
        text.append('.');
        List<Conflict> leftOut = result.conflicts().stream().filter(conflict -> !conflict.resolved()).toList();
        if (leftOut.stream().anyMatch(conflict -> conflict.kind() != ConflictKind.RESERVED_FOR_ANOTHER)) {
            text.append(" Leases in conflict were left out: --replace lets the file win over LeaseDesk's leases, and the newer"
                    + " of two leases the file lists for one address or client win.");
        }
        if (leftOut.stream().anyMatch(conflict -> conflict.kind() == ConflictKind.RESERVED_FOR_ANOTHER)) {
            text.append(" A reservation always wins over the file: to import those leases, change the configuration's reservations.");
        }
        return text.toString();
    }

    private static <T, K extends Enum<K>> Map<K, Long> counted(List<T> items, Function<T, K> kind, Class<K> type) {
        return items.stream().collect(Collectors.groupingBy(kind, () -> new EnumMap<>(type), Collectors.counting()));
    }

    /** " (first kind 2, second kind 1)", or nothing when there are none. */
    private static <K> String listed(Map<K, Long> counts, Function<K, String> name) {
        return counts.isEmpty() ? "" : counts.entrySet().stream().map(entry -> name.apply(entry.getKey()) + " " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
