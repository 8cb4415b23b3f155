package org.leasedesk.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An interface name safe to put in a command's argument list: Linux's IFNAMSIZ limit, narrowed to
 * letters, digits and {@code _ . : -}, and never starting with '-' so no program reads it as an
 * option. Holding one proves the pattern was checked; {@link InterfaceNames#existing} also checks
 * that the interface exists.
 */
public record InterfaceName(String value) {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.:][A-Za-z0-9_.:-]{0,14}");

    public InterfaceName {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an interface name (1-15 letters, digits or _ . : -, not starting with -)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
