package org.leasedesk.ui;

import atlantafx.base.theme.PrimerLight;
import java.time.Clock;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.leasedesk.app.ApplicationInfo;
import org.leasedesk.app.Workbench;

/** The JavaFX application: one main window over one workbench (lease database and embedded server). */
public final class LeaseDeskApp extends Application {

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
            alert.setHeaderText("LeaseDesk cannot open its lease database");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        show(stage, workbench);
    }

    /** Shows the main window over a workbench; tests call it with one on a temporary database. */
    static void show(Stage stage, Workbench workbench) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        MainWindow window = new MainWindow(workbench);
        Scene scene = new Scene(window, 1200, 760);
        scene.getStylesheets().add(stylesheet());
        stage.setTitle(ApplicationInfo.NAME);
        stage.getIcons().add(new Image(Objects.requireNonNull(
                LeaseDeskApp.class.getResourceAsStream("/org/leasedesk/ui/icon-256.png"), "bundled app icon")));
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
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
