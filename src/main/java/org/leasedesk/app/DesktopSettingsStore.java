package org.leasedesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DesktopSettings} in a small JSON file in the data directory, next to the lease
 * database, so a backup of that directory carries them along. A missing file means defaults; a
 * damaged one is logged and replaced by defaults rather than keeping the window from opening.
 */
public final class DesktopSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(DesktopSettingsStore.class);
    public static final String FILE_NAME = "desktop-settings.json";

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final AtomicReference<DesktopSettings> current = new AtomicReference<>();

    public DesktopSettingsStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The settings as last loaded or saved; loads them on first use. */
    public DesktopSettings current() {
        DesktopSettings settings = current.get();
        return settings != null ? settings : load();
    }

    public DesktopSettings load() {
        DesktopSettings settings = read();
        current.set(settings);
        return settings;
    }

    private DesktopSettings read() {
        if (!Files.isRegularFile(file)) {
            return DesktopSettings.DEFAULTS;
        }
        try {
            return fromJson(json.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            log.warn("{} cannot be read ({}); using the default settings", file, e.getMessage());
            return DesktopSettings.DEFAULTS;
        }
    }

    /** Writes the settings through a temporary file, so a crash mid-write leaves the old file whole. */
    public synchronized void save(DesktopSettings settings) {
        // Saves come from several threads (Settings, window bounds on close, the last view): one at a
        // time, each through a temporary file of its own, so no save moves away another's file.
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), toJson(settings));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            current.set(settings);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot save the desktop settings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            log.debug("Could not remove {}: {}", temporary, e.getMessage());
        }
    }

    private ObjectNode toJson(DesktopSettings settings) {
        ObjectNode root = json.createObjectNode();
        root.put("warning-percent", settings.thresholds().warningPercent());
        root.put("critical-percent", settings.thresholds().criticalPercent());
        root.put("sample-interval-seconds", settings.sampleInterval().toSeconds());
        root.put("history-retention-days", settings.historyRetention().toDays());
        root.put("theme", settings.theme().name().toLowerCase(Locale.ROOT));
        root.put("last-view", settings.lastView());
        settings.window().ifPresent(bounds -> {
            ObjectNode window = root.putObject("window");
            window.put("x", bounds.x());
            window.put("y", bounds.y());
            window.put("width", bounds.width());
            window.put("height", bounds.height());
            window.put("maximized", bounds.maximized());
        });
        return root;
    }

    /** Each value falls back to its default when absent, so files from older versions still load. */
    private static DesktopSettings fromJson(JsonNode root) {
        DesktopSettings defaults = DesktopSettings.DEFAULTS;
        Thresholds thresholds = new Thresholds(
                root.path("warning-percent").asInt(defaults.thresholds().warningPercent()),
                root.path("critical-percent").asInt(defaults.thresholds().criticalPercent()));
        Duration sample = Duration.ofSeconds(root.path("sample-interval-seconds").asLong(defaults.sampleInterval().toSeconds()));
        Duration retention = Duration.ofDays(root.path("history-retention-days").asLong(defaults.historyRetention().toDays()));
        DesktopSettings.Theme theme = DesktopSettings.Theme.valueOf(
                root.path("theme").asText(defaults.theme().name()).toUpperCase(Locale.ROOT));
        JsonNode window = root.path("window");
        Optional<DesktopSettings.WindowBounds> bounds = window.isObject()
                ? Optional.of(new DesktopSettings.WindowBounds(window.path("x").asDouble(), window.path("y").asDouble(),
                        window.path("width").asDouble(), window.path("height").asDouble(), window.path("maximized").asBoolean()))
                : Optional.empty();
        return new DesktopSettings(thresholds, sample, retention, theme, bounds, root.path("last-view").asText(defaults.lastView()));
    }
}
