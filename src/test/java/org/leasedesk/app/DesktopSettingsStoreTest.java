package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.PoolUsage;

class DesktopSettingsStoreTest {

    @TempDir
    Path directory;

    @Test
    void aFirstStartHasTheDefaults() {
        DesktopSettings settings = new DesktopSettingsStore(directory).load();

        assertThat(settings).isEqualTo(DesktopSettings.DEFAULTS);
        assertThat(settings.thresholds()).isEqualTo(new Thresholds(80, 95));
    }

    @Test
    void everythingSavedComesBackInANewStore() {
        DesktopSettings saved = DesktopSettings.DEFAULTS.withThresholds(new Thresholds(70, 90))
                .withSampleInterval(Duration.ofSeconds(15)).withHistoryRetention(Duration.ofDays(30))
                .withTheme(DesktopSettings.Theme.DARK).withWindow(new DesktopSettings.WindowBounds(40, 60, 1300, 820, false))
                .withLastView("HISTORY");

        new DesktopSettingsStore(directory).save(saved);

        assertThat(new DesktopSettingsStore(directory).load()).isEqualTo(saved);
    }

    @Test
    void savesFromManyThreadsAtOnceAllSucceedAndLeaveOneFile() throws Exception {
        DesktopSettingsStore store = new DesktopSettingsStore(directory);
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            DesktopSettings settings = DesktopSettings.DEFAULTS.withHistoryRetention(Duration.ofDays(10 + n));
            saves.add(CompletableFuture.runAsync(() -> store.save(settings)));
        }

        CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(new DesktopSettingsStore(directory).load()).isEqualTo(store.current());
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aDamagedFileGivesTheDefaultsInsteadOfKeepingTheWindowShut() throws Exception {
        DesktopSettingsStore store = new DesktopSettingsStore(directory);
        Files.writeString(store.file(), "{ \"theme\": \"purple\" ");

        assertThat(store.load()).isEqualTo(DesktopSettings.DEFAULTS);
    }

    @Test
    void valuesMissingFromAnOlderFileTakeTheirDefaults() throws Exception {
        DesktopSettingsStore store = new DesktopSettingsStore(directory);
        Files.writeString(store.file(), "{ \"theme\": \"dark\" }");

        assertThat(store.load()).isEqualTo(DesktopSettings.DEFAULTS.withTheme(DesktopSettings.Theme.DARK));
    }

    @Test
    void thresholdsClassifyPoolsAndRefuseAWarningAboveTheCriticalLevel() {
        Thresholds thresholds = Thresholds.DEFAULTS;

        assertThat(thresholds.level(new PoolUsage(100, 79, 0, 0, 0, 0))).isEqualTo(Thresholds.Level.NORMAL);
        assertThat(thresholds.level(new PoolUsage(100, 75, 0, 0, 5, 0))).isEqualTo(Thresholds.Level.WARNING);
        assertThat(thresholds.level(new PoolUsage(100, 90, 5, 0, 0, 0))).isEqualTo(Thresholds.Level.CRITICAL);
        assertThatThrownBy(() -> new Thresholds(95, 80)).hasMessageContaining("critical threshold must be above the warning threshold (95 %)");
        assertThatThrownBy(() -> DesktopSettings.DEFAULTS.withSampleInterval(Duration.ofMillis(10)))
                .hasMessageContaining("once a second");
    }
}
