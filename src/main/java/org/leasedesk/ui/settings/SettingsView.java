package org.leasedesk.ui.settings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.app.DesktopSettingsStore;
import org.leasedesk.app.Thresholds;
import org.leasedesk.app.Workbench;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;
import org.leasedesk.ui.common.Themes;

/**
 * Settings: alert thresholds, utilisation sampling and history retention for servers the desktop
 * starts, the data directory, and the theme. The theme applies and is saved as soon as it is
 * chosen; the other values when saved, after checking them together.
 */
public final class SettingsView extends VBox {

    private final DesktopSettingsStore store;
    private final Workbench workbench;
    private final Spinner<Integer> warning = new Spinner<>(1, 99, 80);
    private final Spinner<Integer> critical = new Spinner<>(2, 100, 95);
    private final Spinner<Integer> sampleSeconds = new Spinner<>(1, 3600, 60);
    private final Spinner<Integer> retentionDays = new Spinner<>(1, 3650, 400);
    private final ToggleGroup theme = new ToggleGroup();
    private final ToggleButton light = new ToggleButton("Light", Icons.LIGHT_THEME.create());
    private final ToggleButton dark = new ToggleButton("Dark", Icons.DARK_THEME.create());
    private final Label message = new Label();

    public SettingsView(DesktopSettingsStore store, Workbench workbench) {
        this.store = store;
        this.workbench = workbench;
        getStylesheets().add(Objects.requireNonNull(SettingsView.class.getResource("/org/leasedesk/ui/settings.css")).toExternalForm());
        getStyleClass().addAll("page", "settings");
        createView(workbench.dataDirectory());
        show(store.current());
    }

    private void createView(java.nio.file.Path dataDirectory) {
        Label title = new Label("Settings");
        title.getStyleClass().add("page-title");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-grid");
        int row = 0;
        row = add(grid, row, "Warning threshold (%)", spinner(warning, "settings-warning",
                "A pool this full shows amber and raises a warning"));
        row = add(grid, row, "Critical threshold (%)", spinner(critical, "settings-critical",
                "A pool this full shows red and raises a critical alert"));
        row = add(grid, row, "Utilisation sample interval (s)", spinner(sampleSeconds, "settings-sample",
                "How often a server started from this window records every pool's utilisation"));
        row = add(grid, row, "Keep history (days)", spinner(retentionDays, "settings-retention",
                "Lease history older than this is pruned while a server started from this window runs"));
        Label directory = new Label(dataDirectory.toString());
        directory.setId("settings-data-directory");
        directory.setTooltip(new Tooltip("Where the lease database, the server configuration and these settings live"));
        row = add(grid, row, "Data directory", directory);

        light.setToggleGroup(theme);
        dark.setToggleGroup(theme);
        light.setUserData(DesktopSettings.Theme.LIGHT);
        dark.setUserData(DesktopSettings.Theme.DARK);
        light.setId("theme-light");
        dark.setId("theme-dark");
        light.setTooltip(new Tooltip("Light colours (AtlantaFX Primer Light)"));
        dark.setTooltip(new Tooltip("Dark colours (AtlantaFX Primer Dark)"));
        HBox themes = new HBox(light, dark);
        themes.getStyleClass().add("themes");
        add(grid, row, "Theme", themes);
        theme.selectedToggleProperty().addListener((observable, before, selected) -> {
            if (selected == null) {
                // One theme is always chosen: clicking the current one again must not clear it.
                theme.selectToggle(before);
            } else {
                applyTheme((DesktopSettings.Theme) selected.getUserData());
            }
        });

        Button save = new Button("Save", Icons.SAVE.create());
        save.setId("settings-save");
        save.setDefaultButton(true);
        save.setTooltip(new Tooltip("Check and remember these values; thresholds apply at once (dashboard and the running"
                + " server's alerts), sampling and retention to the next server started"));
        save.setOnAction(event -> save());
        message.setId("settings-message");
        message.setWrapText(true);
        HBox actions = new HBox(save, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("actions");
        getChildren().addAll(title, grid, actions);
    }

    private Spinner<Integer> spinner(Spinner<Integer> spinner, String id, String tooltip) {
        spinner.setId(id);
        spinner.setEditable(true);
        // The spinner's editor takes Enter for itself (it commits the typed number), so the default
        // button never hears it: Enter in a field saves the form here, as it does anywhere else.
        spinner.getEditor().setOnAction(event -> save());
        spinner.setTooltip(new Tooltip(tooltip));
        spinner.setPrefWidth(120);
        return spinner;
    }

    private static int add(GridPane grid, int row, String label, javafx.scene.Node field) {
        grid.add(new Label(label), 0, row);
        grid.add(field, 1, row);
        return row + 1;
    }

    private void show(DesktopSettings settings) {
        warning.getValueFactory().setValue(settings.thresholds().warningPercent());
        critical.getValueFactory().setValue(settings.thresholds().criticalPercent());
        sampleSeconds.getValueFactory().setValue((int) settings.sampleInterval().toSeconds());
        retentionDays.getValueFactory().setValue((int) settings.historyRetention().toDays());
        theme.selectToggle(settings.theme() == DesktopSettings.Theme.DARK ? dark : light);
    }

    private void applyTheme(DesktopSettings.Theme chosen) {
        Themes.apply(chosen);
        if (store.current().theme() != chosen) {
            persist(store.current().withTheme(chosen), "Theme saved.");
        }
    }

    private void save() {
        DesktopSettings changed;
        try {
            for (Spinner<Integer> typed : List.of(warning, critical, sampleSeconds, retentionDays)) {
                typed.commitValue();
            }
            changed = store.current().withThresholds(new Thresholds(warning.getValue(), critical.getValue()))
                    .withSampleInterval(Duration.ofSeconds(sampleSeconds.getValue()))
                    .withHistoryRetention(Duration.ofDays(retentionDays.getValue()));
        } catch (IllegalArgumentException e) {
            message.getStyleClass().setAll("label", "danger");
            message.setText(e.getMessage());
            return;
        }
        persist(changed, "Saved. Thresholds apply now, to the dashboard and the running server's alerts; sampling and"
                + " retention apply to the next server started.");
    }

    private void persist(DesktopSettings settings, String done) {
        FxBackground.run(() -> {
            store.save(settings);
            // The running server's monitor reads the thresholds from the store, so only after the save.
            workbench.applyThresholds().join();
            return settings;
        }, saved -> {
            message.getStyleClass().setAll("label", "success");
            message.setText(done);
        }, failure -> {
            message.getStyleClass().setAll("label", "danger");
            message.setText(failure.getMessage());
        });
    }
}
