package org.leasedesk.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of LeaseDesk, shared by the command line and the desktop application. */
public final class ApplicationInfo {

    public static final String NAME = "LeaseDesk";

    private ApplicationInfo() {}

    /** The version Maven wrote into the jar at build time. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = ApplicationInfo.class.getResourceAsStream("/org/leasedesk/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled version.properties", e);
        }
        return properties.getProperty("version");
    }

    /** "LeaseDesk 1.2.3", as the window and {@code --version} show it. */
    public static String nameAndVersion() {
        return NAME + " " + version();
    }
}
