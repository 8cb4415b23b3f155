package org.leasedesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.report.ReportExport;
import org.leasedesk.report.ReportTable;
import org.leasedesk.report.PoolSummary;
import org.leasedesk.report.ReportHeader;
import org.leasedesk.report.ReportLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports generated leases (1,000,000 by default) in each format and logs the time, the file size
 * and the heap's peak use, to show exports stream: run it with a small heap.
 *
 * <pre>{@code
 * ./mvnw -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx64m -cp target/test-classes:target/classes:$(cat target/cp.txt) org.leasedesk.bench.ExportMillionLeasesMain [count] [FORMAT...]
 * }</pre>
 */
public final class ExportMillionLeasesMain {

    private static final Logger log = LoggerFactory.getLogger(ExportMillionLeasesMain.class);

    private ExportMillionLeasesMain() {}

    public static void main(String[] args) throws Exception {
        long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        List<ExportFormat> formats = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).map(ExportFormat::valueOf).toList()
                : List.of(ExportFormat.values());
        ReportHeader header = new ReportHeader("Benchmark", ReportLeases.T0, List.of(),
                List.of(new PoolSummary("10.0.0.0/12", new PoolUsage(1 << 20, count, 0, 0, 0, 0))));
        Path directory = Files.createTempDirectory("leasedesk-export-bench");
        log.info("max heap {} MiB", Runtime.getRuntime().maxMemory() >> 20);
        for (ExportFormat format : formats) {
            Path target = directory.resolve("leases." + format.name().toLowerCase(java.util.Locale.ROOT));
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            ExportOutcome outcome = ReportExport.write(format, ReportTable.LEASES, ReportLeases.generated(count), header, target, ExportMonitor.NONE);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            log.info("{}: {} in {} ms, {} MiB file, heap pools' peak {} MiB", format, outcome, took.toMillis(),
                    Files.size(target) >> 20, peakHeap >> 20);
            Files.delete(target);
        }
        Files.delete(directory);
    }
}
