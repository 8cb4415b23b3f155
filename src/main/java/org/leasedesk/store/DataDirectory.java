package org.leasedesk.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where LeaseDesk keeps its data when the user does not say: the per-user data directory of each OS. */
public final class DataDirectory {

    private DataDirectory() {}

    /** The data directory for the user running this process. */
    public static Path forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }

    /**
     * Linux and other Unix: $XDG_DATA_HOME/leasedesk, else ~/.local/share/leasedesk. Windows:
     * %APPDATA%\LeaseDesk. macOS: ~/Library/Application Support/LeaseDesk.
     */
    static Path resolve(Map<String, String> environment, String osName, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = isAbsolute(appData) ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming");
            return base.resolve("LeaseDesk");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("LeaseDesk");
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = isAbsolute(xdg) ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
        return base.resolve("leasedesk");
    }

    private static boolean isAbsolute(String path) {
        return path != null && !path.isBlank() && Path.of(path).isAbsolute();
    }
}
