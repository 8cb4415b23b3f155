package org.leasedesk.app;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desktop remembers between runs: alert thresholds, how often utilisation is sampled and
 * how long history is kept (both for servers the desktop starts), the theme, and where the window
 * was and which view it showed.
 *
 * @param lastView the name of the view shown last, as the UI names its pages
 */
public record DesktopSettings(Thresholds thresholds, Duration sampleInterval, Duration historyRetention, Theme theme,
                              Optional<WindowBounds> window, String lastView) {

    public enum Theme { LIGHT, DARK }

    /** The main window's place on the screen. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        public WindowBounds {
            if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("a window needs a finite position and a positive size, was "
                        + x + "," + y + " " + width + "x" + height);
            }
        }
    }

    public static final Duration MIN_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    public static final DesktopSettings DEFAULTS = new DesktopSettings(Thresholds.DEFAULTS, Duration.ofMinutes(1),
            Duration.ofDays(400), Theme.LIGHT, Optional.empty(), "DASHBOARD");

    public DesktopSettings {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(historyRetention, "historyRetention");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lastView, "lastView");
        if (sampleInterval.compareTo(MIN_SAMPLE_INTERVAL) < 0) {
            throw new IllegalArgumentException("sample utilisation at most once a second, not every " + sampleInterval);
        }
        if (historyRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("keep history for at least a day, not " + historyRetention);
        }
    }

    public DesktopSettings withThresholds(Thresholds value) {
        return new DesktopSettings(value, sampleInterval, historyRetention, theme, window, lastView);
    }

    public DesktopSettings withSampleInterval(Duration value) {
        return new DesktopSettings(thresholds, value, historyRetention, theme, window, lastView);
    }

    public DesktopSettings withHistoryRetention(Duration value) {
        return new DesktopSettings(thresholds, sampleInterval, value, theme, window, lastView);
    }

    public DesktopSettings withTheme(Theme value) {
        return new DesktopSettings(thresholds, sampleInterval, historyRetention, value, window, lastView);
    }

    public DesktopSettings withWindow(WindowBounds value) {
        return new DesktopSettings(thresholds, sampleInterval, historyRetention, theme, Optional.of(value), lastView);
    }

    public DesktopSettings withLastView(String value) {
        return new DesktopSettings(thresholds, sampleInterval, historyRetention, theme, window, value);
    }
}
