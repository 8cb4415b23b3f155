package org.leasedesk.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as reports print them: UTC, to the second, in a fixed width that keeps printed columns tidy. */
final class ReportTimes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ReportTimes() {}

    static String format(Instant instant) {
        return TIME.format(instant);
    }
}
