package org.leasedesk.server.config;

import java.util.Objects;

/**
 * One thing wrong with, or worth knowing about, a configuration, pinned to its JSON path
 * (for example {@code Dhcp4/subnet4[0]/pools[1]/pool}) so an admin can find it in the file.
 */
public record ConfigProblem(Severity severity, String path, String message) {

    public enum Severity {
        /** The configuration loads; the admin should know (for example, a Kea key that has no effect here). */
        WARNING,
        /** The configuration is refused and nothing changes. */
        ERROR
    }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static ConfigProblem error(String path, String message) {
        return new ConfigProblem(Severity.ERROR, path, message);
    }

    public static ConfigProblem warning(String path, String message) {
        return new ConfigProblem(Severity.WARNING, path, message);
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " at " + path + ": " + message;
    }
}
