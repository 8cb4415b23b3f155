package org.leasedesk.app;

import java.util.Objects;

/**
 * One problem the configuration check found, pinned to its JSON path (for example
 * {@code Dhcp4/subnet4[0]/pools[1]/pool}) so an editor can show it next to the field.
 *
 * @param error whether it refuses the configuration (else it is a warning worth reading)
 */
public record ConfigIssue(boolean error, String path, String message) {

    public ConfigIssue {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the issue concerns {@code fieldPath} or something inside it. */
    public boolean concerns(String fieldPath) {
        return path.equals(fieldPath) || path.startsWith(fieldPath + "/") || path.startsWith(fieldPath + "[");
    }

    @Override
    public String toString() {
        return (error ? "error" : "warning") + " at " + path + ": " + message;
    }
}
