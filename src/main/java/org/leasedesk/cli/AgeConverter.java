package org.leasedesk.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads an age such as {@code 90d}, {@code 12h} or {@code 30m}; {@code 0} means no limit and reads as zero. */
final class AgeConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([mhd])");

    @Override
    public Duration convert(String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = AGE.matcher(value);
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an age: write a number followed by m, h or d, as 90d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
