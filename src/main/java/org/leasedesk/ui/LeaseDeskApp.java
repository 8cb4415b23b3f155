package org.leasedesk.ui;

import java.time.Clock;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.leasedesk.app.ApplicationInfo;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.app.DesktopSettingsStore;
import org.leasedesk.app.RecentLog;
import org.leasedesk.app.Workbench;
import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.DesktopContext;
import org.leasedesk.ui.common.LiveFigures;
import org.leasedesk.ui.common.ServerStatus;
import org.leasedesk.ui.common.Themes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one main window over one workbench (lease database and embedded server). */
public final class LeaseDeskApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(LeaseDeskApp.class);

    /** Lines the log window can show: enough for a failed start and what led to it. */
    private static final int LOG_LINES = 2000;

    private Workbench workbench;
    private String openFailure;

    /** Starts the toolkit, shows the main window and returns when the user closes it. */
    public static void launchAndWait() {
        Application.launch(LeaseDeskApp.class);
    }

    /** Opens the database off the FX thread, before the window exists. */
    @Override
    public void init() {
        try {
            workbench = Workbench.openDefault(Clock.systemUTC());
        } catch (Workbench.OpenFailedException e) {
            openFailure = e.getMessage();
        }
    }

    @Override
    public void start(Stage stage) {
        if (workbench == null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, openFailure);
            Dialogs.fitText(alert);
            alert.setHeaderText("LeaseDesk cannot open its lease database");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        MainWindow window = showWindow(stage, workbench);
        if (!workbench.hasConfiguration()) {
            window.openSetup();
        }
    }

    /** Shows the main window over a workbench; tests and benchmarks call it with one on a temporary database. */
    public static void show(Stage stage, Workbench workbench) {
        showWindow(stage, workbench);
    }

    static MainWindow showWindow(Stage stage, Workbench workbench) {
        DesktopSettingsStore store = new DesktopSettingsStore(workbench.dataDirectory());
        workbench.thresholdsFrom(() -> store.current().thresholds());
        DesktopSettings settings = store.load();
        Themes.apply(settings.theme());
        LiveFigures live = new LiveFigures(workbench, () -> store.current().thresholds(), Clock.systemUTC());
        MainWindow window = new MainWindow(new DesktopContext(workbench, store, live, new ServerStatus(workbench),
                RecentLog.install(LOG_LINES)), firstPage(settings));
        Scene scene = new Scene(window, 1200, 760);
        scene.getStylesheets().add(stylesheet());
        stage.setTitle(ApplicationInfo.NAME);
        stage.getIcons().add(new Image(Objects.requireNonNull(
                LeaseDeskApp.class.getResourceAsStream("/org/leasedesk/ui/icon-256.png"), "bundled app icon")));
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setScene(scene);
        settings.window().ifPresent(bounds -> {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
            stage.setWidth(bounds.width());
            stage.setHeight(bounds.height());
            stage.setMaximized(bounds.maximized());
        });
        stage.setOnHidden(event -> {
            live.stop();
            remember(store, stage, window);
        });
        live.start();
        stage.show();
        return window;
    }

    private static Page firstPage(DesktopSettings settings) {
        try {
            return Page.valueOf(settings.lastView());
        } catch (IllegalArgumentException e) {
            return Page.DASHBOARD;
        }
    }

    /** Saves where the window was and which view it showed; a failure to save must not keep the window from closing. */
    static void remember(DesktopSettingsStore store, Stage stage, MainWindow window) {
        DesktopSettings settings = store.current().withLastView(window.currentPage().name());
        if (stage.getWidth() > 0 && stage.getHeight() > 0 && Double.isFinite(stage.getX())) {
            settings = settings.withWindow(new DesktopSettings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
        }
        try {
            store.save(settings);
        } catch (java.io.UncheckedIOException e) {
            log.warn("{}", e.getMessage());
        }
    }

    /** Stops the server, flushing every pending commit, and closes the database. */
    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }

    static String stylesheet() {
        return Objects.requireNonNull(LeaseDeskApp.class.getResource("/org/leasedesk/ui/leasedesk.css"), "bundled stylesheet")
                .toExternalForm();
    }
}
