package org.leasedesk.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the ISO-8601 times the commands take (--from, --until, --at), naming the option when one is not a time. */
final class TimeOption {

    private TimeOption() {}

    static Instant parse(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an ISO-8601 time such as 2026-11-17T14:30:00Z");
        }
    }
}
