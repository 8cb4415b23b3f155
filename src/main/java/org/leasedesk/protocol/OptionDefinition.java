package org.leasedesk.protocol;

import java.util.Objects;

/**
 * One option as data, like a Kea option definition: its code, Kea's standard name, its value type and
 * whether the value is an array of that type.
 */
public record OptionDefinition(int code, String name, OptionType type, boolean array) {

    public OptionDefinition {
        if (code < 1 || code > 254) {
            throw new IllegalArgumentException("option code must be 1-254 (0 is PAD, 255 is END), got " + code);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (array && !(type.fixedSize() || type == OptionType.FQDN)) {
            throw new IllegalArgumentException("option " + code + " (" + name + "): type " + type + " cannot be an array");
        }
    }

    static OptionDefinition single(int code, String name, OptionType type) {
        return new OptionDefinition(code, name, type, false);
    }

    static OptionDefinition array(int code, String name, OptionType type) {
        return new OptionDefinition(code, name, type, true);
    }

    /** "53 (dhcp-message-type)", the way error messages and the packet view name an option. */
    public String label() {
        return code + " (" + name + ")";
    }
}
